"""The SIPRI-shaped CSV export."""

import csv
import io

from realpolitik.export.sipri import SIPRI_COLUMNS, write_sipri_csv


def _row(**kw):
    base = {"supplier": "ISR", "recipient": "AZE", "supplier_country": "ISR", "recipient_country": "AZE",
            "weapon_name": "Harop", "family": "Harpy", "category": "loitering munition",
            "manufacturer": "Israel Aerospace Industries", "quantity": 50, "status": "delivered",
            "period_start": "2016", "period_end": "2016", "modality": "asserted",
            "evidence_text": "Israel delivered 50 Harop drones to Azerbaijan", "evidence_start": 0,
            "evidence_end": 46, "document_id": "d" * 64, "document_title": "Our example"}
    base.update(kw)
    return base


def _read(rows, **kw):
    fh = io.StringIO()
    n = write_sipri_csv(rows, fh, **kw)
    return n, list(csv.DictReader(io.StringIO(fh.getvalue())))


def test_register_columns_and_values():
    n, out = _read([_row()])
    assert n == 1
    assert list(out[0])[:len(SIPRI_COLUMNS)] == SIPRI_COLUMNS
    r = out[0]
    assert (r["Supplier"], r["Recipient"]) == ("Israel", "Azerbaijan")
    assert (r["Weapon designation"], r["Weapon description"]) == ("Harop", "loitering munition")
    assert (r["Number delivered"], r["Year(s) of delivery"], r["Number ordered"]) == ("50", "2016", "")
    assert r["Evidence"].startswith("Israel delivered")


def test_orders_fill_the_order_columns():
    _, out = _read([_row(status="ordered", period_start="2020", period_end="2022")])
    assert (out[0]["Number ordered"], out[0]["Year of order"], out[0]["Number delivered"]) == ("50", "2020–2022", "")


def test_denied_and_guessed_transfers_are_not_register_rows_by_default():
    rows = [_row(modality="negated", status="denied"), _row(modality="speculative"), _row()]
    n, out = _read(rows)
    assert n == 1 and out[0]["Modality"] == "asserted"
    n, out = _read(rows, include_not_happened=True)
    assert n == 3 and {r["Modality"] for r in out} == {"negated", "speculative", "asserted"}


def test_rows_below_min_confidence_are_left_out():
    rows = [_row(confidence=0.3), _row(confidence=0.7, supplier="RUS", supplier_country="RUS",
                                         recipient="ARM", recipient_country="ARM")]
    n, out = _read(rows, min_confidence=0.5)
    assert n == 1 and (out[0]["Supplier"], out[0]["Recipient"]) == ("Russia", "Armenia")
    assert _read(rows)[0] == 2
