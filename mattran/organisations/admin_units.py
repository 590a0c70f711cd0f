"""Names and codes of Vietnam's administrative units after 1 July 2025, from the vietnam-provinces package."""

from dataclasses import dataclass

from vietnam_provinces import Province, Ward

from mattran.core.text import normalise_spaces


@dataclass(frozen=True)
class AdminUnit:
    code: str
    name: str
    division_type: str


def province_get(code: int | str) -> AdminUnit:
    province = Province.from_code(int(code))
    return AdminUnit(
        code=str(int(province.code)),
        name=normalise_spaces(province.name),
        division_type=str(province.division_type.value),
    )


def ward_list(province_code: int | str) -> list[AdminUnit]:
    return [
        AdminUnit(
            code=str(int(w.code)), name=normalise_spaces(w.name), division_type=str(w.division_type.value)
        )
        for w in Ward.iter_by_province(int(province_code))
    ]


def ward_get(code: int | str) -> AdminUnit:
    ward = Ward.from_code(int(code))
    return AdminUnit(
        code=str(int(ward.code)),
        name=normalise_spaces(ward.name),
        division_type=str(ward.division_type.value),
    )
