import datetime
import io

from docx import Document

from mattran.supervision import services
from mattran.supervision.letters import escalation_letter_docx

D = datetime.date


def _text(docx_bytes: bytes) -> str:
    document = Document(io.BytesIO(docx_bytes))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def test_escalation_letter_is_a_vietnamese_administrative_letter(world):
    recommendation = world.issued(issued_on=D(2026, 10, 1))
    [escalated] = services.recommendations_escalate_overdue(today=D(2026, 10, 25))
    text = _text(escalation_letter_docx(recommendation=escalated))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN MTTQ VIỆT NAM PHƯỜNG A" in text and "BAN THƯỜNG TRỰC" in text
    assert "Số:" in text and "/CV-MTTQ-BTT" in text
    assert "ngày 25 tháng 10 năm 2026" in text
    assert "CÔNG VĂN" in text and recommendation.reference in text
    assert "quá hạn 4 ngày" in text
    assert "Kính gửi: Ủy ban MTTQ Việt Nam Thành phố" in text
    assert "Nơi nhận:" in text and "TM. BAN THƯỜNG TRỰC" in text and "CHỦ TỊCH" in text
