"""Amending instruments as their own layer: from an amending Act, instrument or text to its items.

See :mod:`lawdiff.instrument.reader` (the items), :mod:`~lawdiff.instrument.names` (which Act
an item is aimed at), :mod:`~lawdiff.instrument.commencement` (the instrument's own
commencement provisions) and :mod:`~lawdiff.instrument.pieces` (numbered items from a
document or plain text).  Nothing here knows the amended Act or applies anything.
"""

from lawdiff.instrument.names import ActRegistry, Identity, NamedAct, compare
from lawdiff.instrument.reader import (
    AmendingItem,
    Instrument,
    ItemKind,
    instrument_citation,
    read_instrument,
    read_instrument_text,
)

__all__ = ["ActRegistry", "AmendingItem", "Identity", "Instrument", "ItemKind", "NamedAct",
           "compare", "instrument_citation", "read_instrument", "read_instrument_text"]
