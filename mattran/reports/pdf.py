"""The PDF of a DOCX report, made by LibreOffice when ``soffice`` is on the PATH (the download is hidden
otherwise): an optional extra, so the project does not depend on it being installed."""

import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERT_SECONDS = 120


class PdfUnavailable(Exception):
    """LibreOffice is missing or could not convert the file."""


def pdf_available() -> bool:
    return shutil.which("soffice") is not None


def docx_to_pdf(content: bytes) -> bytes:
    """Convert with ``soffice --headless`` in a private profile (two conversions at once, or a desktop
    LibreOffice already running, would otherwise share one profile and fail)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise PdfUnavailable("soffice not found")
    with tempfile.TemporaryDirectory(prefix="mattran-pdf-") as work:
        source = Path(work) / "bao-cao.docx"
        source.write_bytes(content)
        command = [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                   "--outdir", work, str(source)]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=CONVERT_SECONDS)  # noqa: S603
            return source.with_suffix(".pdf").read_bytes()
        except (OSError, subprocess.SubprocessError) as exc:
            raise PdfUnavailable(str(exc)) from exc
