"""Keeps personnummer out of the application logs even when someone logs a form value: the
"samverkan" logger carries the one masker (core/masking.py) itself, so its records are masked
even under a logging configuration that forgot the project's handler filter."""

import logging

from core.masking import PERSONNUMMER_MASK as MASK
from core.masking import MaskPersonnummerFilter, mask_personnummer

PersonnummerMaskingFilter = MaskPersonnummerFilter


def install(logger_name: str = "samverkan") -> None:
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, MaskPersonnummerFilter) for f in logger.filters):
        logger.addFilter(MaskPersonnummerFilter())


__all__ = ["MASK", "PersonnummerMaskingFilter", "install", "mask_personnummer"]
