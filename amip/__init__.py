"""amip-optimizer: allocate a jobcenter's Neufallbudget across measure types to maximise expected
integrations (SGB II Arbeitsmarkt- und Integrationsprogramm). Default case: Duisburg 2020."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_case", "assemble_case", "CaseRequest", "optimize", "evaluate"]


def __getattr__(name: str):   # lazy: `import amip` stays cheap and solver-free
    if name == "load_case":
        from amip.inputs.loader import load_case
        return load_case
    if name in ("assemble_case", "CaseRequest"):
        from amip.inputs import assemble
        return getattr(assemble, name)
    if name in ("optimize", "evaluate"):
        from amip import optimizer
        return getattr(optimizer, name)
    raise AttributeError(name)
