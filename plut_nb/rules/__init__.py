"""The Indonesian rules the core encodes: identifiers, codes, size class, IKM.

Every validator takes the value as typed and returns a normalised value or a
typed result, or raises :class:`plut_nb.errors.ValidationError` whose messages
(Indonesian by default, English with ``PLUT_LANG=en``) name the field, say what
is wrong and how to fix it.
"""

from plut_nb.rules.ikm import (
    IKM_ELEMENTS,
    IkmResult,
    ikm_from_sums,
    ikm_result,
    validate_ikm_answers,
)
from plut_nb.rules.kbli import validate_kbli
from plut_nb.rules.masking import mask_nik, mask_phone
from plut_nb.rules.money import parse_rupiah_amount
from plut_nb.rules.nib import normalize_nib
from plut_nb.rules.nik import NikFacts, birth_date_from_nik, gender_from_nik, parse_nik
from plut_nb.rules.phone import normalize_phone
from plut_nb.rules.regions import validate_region_code
from plut_nb.rules.size import (
    SIZE_RULE_SETS,
    SizeClass,
    SizeRuleSet,
    classify_by_capital,
    classify_by_sales,
    size_class,
)

__all__ = [
    "IKM_ELEMENTS",
    "SIZE_RULE_SETS",
    "IkmResult",
    "NikFacts",
    "SizeClass",
    "SizeRuleSet",
    "birth_date_from_nik",
    "classify_by_capital",
    "classify_by_sales",
    "gender_from_nik",
    "ikm_from_sums",
    "ikm_result",
    "mask_nik",
    "mask_phone",
    "normalize_nib",
    "normalize_phone",
    "parse_nik",
    "parse_rupiah_amount",
    "size_class",
    "validate_ikm_answers",
    "validate_kbli",
    "validate_region_code",
]
