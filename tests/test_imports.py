import subprocess
import sys

import amip


def test_models_import_no_solver_and_no_ui():
    code = ("import sys, amip.models, amip.inputs.loader; "
            "bad = [m for m in ('pulp', 'highspy', 'click', 'xlsxwriter', 'openpyxl') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_optimizer_knows_nothing_of_excel_or_click():
    code = ("import sys, amip.optimizer; "
            "print(','.join(m for m in ('click', 'xlsxwriter', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_import():
    for name in amip.__all__:
        assert getattr(amip, name) is not None
