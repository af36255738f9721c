"""Every file amip reads: the reading layer (limits, encodings, strict CSV, YAML), case folders and
case workbooks, measure, rate and effect tables, rule files, plan and actuals workbooks, and the one
assembly of a case from a request (``amip.inputs.assemble``). ``amip.models`` is the pure domain these
readers fill; it never opens a file."""
