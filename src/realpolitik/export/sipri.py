"""Arms transfers as CSV shaped like SIPRI's trade register.

SIPRI's register has one row per deal: recipient, supplier, year of order, number ordered,
weapon designation, weapon description, number delivered, years of delivery, status, comments.
We fill the columns a text can support and add our own after them (maker, modality, evidence,
document), so a row can be checked against the register and clicked back to its sentence.
By default only transfers the text says happened (asserted or reported) are written: a register
row reads as a fact, and a denial or a guess must never look like one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from ..records import NOT_HAPPENED

SIPRI_COLUMNS = ["Recipient", "Supplier", "Year of order", "Number ordered", "Weapon designation",
                 "Weapon description", "Number delivered", "Year(s) of delivery", "Status", "Comments"]
EXTRA_COLUMNS = ["Manufacturer", "Modality", "Evidence", "Evidence start", "Evidence end", "Document"]


def sipri_row(t: dict, country_name) -> dict:
    """One stored transfer (a `Store.transfers()` row) as a register row."""
    ordered = t.get("status") in ("ordered", "planned")
    years = "–".join(dict.fromkeys(y for y in (t.get("period_start"), t.get("period_end")) if y))
    qty = t.get("quantity")
    return {
        "Recipient": country_name(t.get("recipient_country")) or t.get("recipient_name") or "",
        "Supplier": country_name(t.get("supplier_country")) or t.get("supplier_name") or "",
        "Year of order": years if ordered else "",
        "Number ordered": qty if ordered and qty is not None else "",
        "Weapon designation": t.get("weapon_name") or t.get("family") or "",
        "Weapon description": t.get("category") or "",
        "Number delivered": qty if not ordered and qty is not None else "",
        "Year(s) of delivery": years if not ordered else "",
        "Status": t.get("status") or "",
        "Comments": f"from text: {t.get('document_title') or t.get('document_id', '')[:12]}",
        "Manufacturer": t.get("manufacturer") or "",
        "Modality": t.get("modality") or "",
        "Evidence": t.get("evidence_text") or "",
        "Evidence start": t.get("evidence_start", ""),
        "Evidence end": t.get("evidence_end", ""),
        "Document": t.get("document_id") or "",
    }


def write_sipri_csv(transfers: Iterable[dict], fh: IO[str], *, include_not_happened: bool = False,
                    min_confidence: float = 0.0) -> int:
    """Write transfers as register rows; returns how many rows were written.

    Rows whose `confidence` is below `min_confidence` are left out (0.0: none is).
    """
    from ..kb import KnowledgeBase

    kb = KnowledgeBase.load()

    def country_name(iso3: str | None) -> str | None:
        e = kb.entity(iso3)
        return e.name if e is not None else iso3

    writer = csv.DictWriter(fh, fieldnames=SIPRI_COLUMNS + EXTRA_COLUMNS)
    writer.writeheader()
    n = 0
    for t in transfers:
        if not include_not_happened and (t.get("modality") in NOT_HAPPENED or t.get("status") == "denied"):
            continue
        if min_confidence > 0 and (t.get("confidence") or 0.0) < min_confidence:
            continue
        writer.writerow(sipri_row(t, country_name))
        n += 1
    return n
