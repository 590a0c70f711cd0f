"""Spam defence of the public petition form without third-party services: the contact key the per-contact limit
counts by, and a self-hosted question shown to an address that has just sent several petitions.

The question is plain text in Vietnamese words (read aloud by a screen reader like any label), drawn from several
kinds with varied phrasing, so a script needs a solver per kind rather than one regular expression. Its token is
signed and holds only keyed hashes of the accepted answers, never the answers, plus a nonce and the time the form
was shown. A token is used up by its first attempt, right or wrong (`check`), and an answer sent sooner than
PETITIONS_CHALLENGE_MIN_SECONDS after the form was shown is refused. The counters live in mattran.core.ratelimit.
"""

import enum
import re
import secrets
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from mattran.core import ratelimit

CHALLENGE_SALT = "mattran.petitions.challenge"
CHALLENGE_MAX_AGE = 30 * 60
_random = secrets.SystemRandom()

NUMBER_WORDS = [
    pgettext_lazy("số", "không"), pgettext_lazy("số", "một"), pgettext_lazy("số", "hai"), pgettext_lazy("số", "ba"),
    pgettext_lazy("số", "bốn"), pgettext_lazy("số", "năm"), pgettext_lazy("số", "sáu"), pgettext_lazy("số", "bảy"),
    pgettext_lazy("số", "tám"), pgettext_lazy("số", "chín"), pgettext_lazy("số", "mười"),
]
WEEKDAYS = [
    pgettext_lazy("ngày trong tuần", "thứ Hai"), pgettext_lazy("ngày trong tuần", "thứ Ba"),
    pgettext_lazy("ngày trong tuần", "thứ Tư"), pgettext_lazy("ngày trong tuần", "thứ Năm"),
    pgettext_lazy("ngày trong tuần", "thứ Sáu"), pgettext_lazy("ngày trong tuần", "thứ Bảy"),
    pgettext_lazy("ngày trong tuần", "Chủ nhật"),
]
# Words chosen so none belongs to two groups (no "cam": a fruit and a colour).
CATEGORIES = {
    "fruit": [
        pgettext_lazy("câu hỏi kiểm tra", "chuối"),
        pgettext_lazy("câu hỏi kiểm tra", "xoài"),
        pgettext_lazy("câu hỏi kiểm tra", "ổi"),
        pgettext_lazy("câu hỏi kiểm tra", "bưởi"),
        pgettext_lazy("câu hỏi kiểm tra", "nhãn"),
        pgettext_lazy("câu hỏi kiểm tra", "mít"),
        pgettext_lazy("câu hỏi kiểm tra", "dưa hấu"),
    ],
    "animal": [
        pgettext_lazy("câu hỏi kiểm tra", "mèo"),
        pgettext_lazy("câu hỏi kiểm tra", "chó"),
        pgettext_lazy("câu hỏi kiểm tra", "trâu"),
        pgettext_lazy("câu hỏi kiểm tra", "gà"),
        pgettext_lazy("câu hỏi kiểm tra", "vịt"),
        pgettext_lazy("câu hỏi kiểm tra", "ngựa"),
        pgettext_lazy("câu hỏi kiểm tra", "cá"),
    ],
    "object": [
        pgettext_lazy("câu hỏi kiểm tra", "bàn"),
        pgettext_lazy("câu hỏi kiểm tra", "ghế"),
        pgettext_lazy("câu hỏi kiểm tra", "nồi"),
        pgettext_lazy("câu hỏi kiểm tra", "chổi"),
        pgettext_lazy("câu hỏi kiểm tra", "quạt"),
        pgettext_lazy("câu hỏi kiểm tra", "bút"),
        pgettext_lazy("câu hỏi kiểm tra", "ấm"),
    ],
    "colour": [
        pgettext_lazy("câu hỏi kiểm tra", "đỏ"),
        pgettext_lazy("câu hỏi kiểm tra", "vàng"),
        pgettext_lazy("câu hỏi kiểm tra", "tím"),
        pgettext_lazy("câu hỏi kiểm tra", "trắng"),
        pgettext_lazy("câu hỏi kiểm tra", "đen"),
        pgettext_lazy("câu hỏi kiểm tra", "hồng"),
        pgettext_lazy("câu hỏi kiểm tra", "nâu"),
    ],
}
CATEGORY_NAMES = {
    "fruit": pgettext_lazy("câu hỏi kiểm tra", "tên một loại quả"),
    "animal": pgettext_lazy("câu hỏi kiểm tra", "tên một con vật"),
    "object": pgettext_lazy("câu hỏi kiểm tra", "tên một đồ vật trong nhà"),
    "colour": pgettext_lazy("câu hỏi kiểm tra", "tên một màu"),
}
# Words a citizen may put before the answer ("thứ Tư", "số 7", "quả xoài", "màu đỏ"); dropped before comparing.
_LEADING_WORDS = {"la", "thu", "thang", "so", "qua", "trai", "con", "cai", "mau", "ngay", "the", "number"}


class ChallengeResult(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    TOO_FAST = "too_fast"
    USED = "used"  # this token was already tried once
    INVALID = "invalid"  # missing, tampered with or expired


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str
    answers: frozenset[str]  # normalised accepted answers; for the tests, never rendered


def contact_key(*, phone: str = "", email: str = "") -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())[-9:]
    return digits or email.strip().lower()


def normalise(text: str) -> str:
    """Lower case, without diacritics (đ → d), words only, leading filler words dropped: "Thứ Tư." → "tu"."""
    text = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", text)
    while len(words) > 1 and words[0] in _LEADING_WORDS:
        words.pop(0)
    return " ".join(words)


def _vi(word) -> str:
    """A lazy word in Vietnamese, whatever the page's language (answers are accepted in both)."""
    with translation.override("vi"):
        return str(word)


def _vi_number(n: int) -> str:
    if n <= 10:
        return _vi(NUMBER_WORDS[n])
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else _vi(NUMBER_WORDS[tens]) + " mươi"
    if unit == 0:
        return head
    return head + " " + {5: "lăm", 1: "mốt" if tens > 1 else "một"}.get(unit, _vi(NUMBER_WORDS[unit]))


def _number_answers(n: int) -> set[str]:
    """Digits, Vietnamese words ("mười lăm"), and up to ten the word in the page's language."""
    answers = {str(n), _vi_number(n)}
    if n <= 10:
        answers.add(str(NUMBER_WORDS[n]))
    return answers


def _word(n: int) -> str:
    return str(NUMBER_WORDS[n])


# --- the kinds of question: each returns (question, accepted answers) ------------------------------------------


def _sum():
    a, b = _random.randint(1, 9), _random.randint(1, 9)
    template = _random.choice([
        _("%(a)s cộng %(b)s bằng mấy?"),
        _("Lấy %(a)s cộng thêm %(b)s thì được bao nhiêu?"),
        _("Tổng của %(a)s và %(b)s là bao nhiêu?"),
    ])
    return template % {"a": _word(a), "b": _word(b)}, _number_answers(a + b)


def _difference():
    a = _random.randint(5, 10)
    b = _random.randint(1, a - 1)
    template = _random.choice([
        _("%(a)s trừ %(b)s còn mấy?"),
        _("Trong giỏ có %(a)s quả trứng, lấy ra %(b)s quả. Trong giỏ còn lại mấy quả?"),
        _("Có %(a)s người đang họp, %(b)s người ra về. Còn lại bao nhiêu người?"),
    ])
    return template % {"a": _word(a), "b": _word(b)}, _number_answers(a - b)


def _extreme():
    numbers = _random.sample(range(11), _random.randint(3, 4))
    listed = ", ".join(_word(n) for n in numbers)
    if _random.random() < 0.5:
        return _("Trong các số %(list)s, số nào lớn nhất?") % {"list": listed}, _number_answers(max(numbers))
    return _("Trong các số %(list)s, số nào nhỏ nhất?") % {"list": listed}, _number_answers(min(numbers))


def _weekday_answers(index: int) -> set[str]:
    answers = {normalise(str(WEEKDAYS[index])), normalise(_vi(WEEKDAYS[index]))}
    if index < 6:
        answers.add(str(index + 2))  # thứ Hai is day 2 … thứ Bảy day 7
    else:
        answers |= {"cn", "chunhat"}
    return answers


def _weekday():
    day = _random.randrange(7)
    if _random.random() < 0.5:
        question = _("Nếu hôm nay là %(day)s thì ngày mai là ngày nào trong tuần?") % {"day": WEEKDAYS[day]}
        return question, _weekday_answers((day + 1) % 7)
    question = _("Ngày liền trước %(day)s là ngày nào trong tuần?") % {"day": WEEKDAYS[day]}
    return question, _weekday_answers((day - 1) % 7)


def _category_pick():
    target, *others = _random.sample(list(CATEGORIES), 4)
    word = _random.choice(CATEGORIES[target])
    listed = [word] + [_random.choice(CATEGORIES[other]) for other in others]
    _random.shuffle(listed)
    return target, word, listed


def _category():
    target, word, listed = _category_pick()
    question = _("Trong các từ sau, từ nào là %(what)s: %(list)s?") % {
        "what": CATEGORY_NAMES[target],
        "list": ", ".join(str(w) for w in listed),
    }
    return question, {str(word), _vi(word)}


def _count():
    target = _random.choice(list(CATEGORIES))
    k = _random.randint(1, 3)
    others = [w for name, words in CATEGORIES.items() if name != target for w in words]
    listed = _random.sample(CATEGORIES[target], k) + _random.sample(others, 5 - k)
    _random.shuffle(listed)
    question = _("Trong dãy từ sau có mấy từ là %(what)s: %(list)s?") % {
        "what": CATEGORY_NAMES[target],
        "list": ", ".join(str(w) for w in listed),
    }
    return question, _number_answers(k)


def _month():
    m = _random.randint(1, 10)
    question = _random.choice([
        _("Tháng liền sau tháng %(m)s là tháng mấy?"),
        _("Hết tháng %(m)s thì sang tháng mấy?"),
    ]) % {"m": _word(m)}
    return question, _number_answers(m + 1)


KINDS = [_sum, _difference, _extreme, _weekday, _category, _count, _month]


def _digest(nonce: str, answer: str) -> str:
    return salted_hmac(CHALLENGE_SALT, nonce + "\n" + answer).hexdigest()[:24]


def challenge_new(*, issued_at: float | None = None) -> Challenge:
    """A fresh question and its signed token. `issued_at` (default now) starts the minimum fill time."""
    question, answers = _random.choice(KINDS)()
    question = question[:1].upper() + question[1:]  # "Chín trừ hai…": a number word may open the sentence
    answers = frozenset(normalise(a) for a in answers)
    nonce = secrets.token_hex(8)
    payload = {
        "n": nonce,
        "t": int(issued_at if issued_at is not None else time.time()),
        "h": sorted(_digest(nonce, a) for a in answers),
    }
    return Challenge(question=question, token=signing.dumps(payload, salt=CHALLENGE_SALT), answers=answers)


def challenge_check(token: str, answer: str) -> ChallengeResult:
    """Judge one attempt. The token is used up before the answer is compared, so a wrong answer cannot be
    followed by another guess on the same question; a solved token cannot be replayed either."""
    try:
        data = signing.loads(token or "", salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
        nonce, shown_at, digests = str(data["n"]), int(data["t"]), list(data["h"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return ChallengeResult.INVALID
    if not ratelimit.first_use("petitions.challenge", nonce, window=CHALLENGE_MAX_AGE):
        return ChallengeResult.USED
    if time.time() - shown_at < settings.PETITIONS_CHALLENGE_MIN_SECONDS:
        return ChallengeResult.TOO_FAST
    if _digest(nonce, normalise(answer)) not in digests:
        return ChallengeResult.WRONG
    return ChallengeResult.OK
