"""The manager's figures (报表): queries over a day or a period, and their exports.

- :mod:`counter.reports.stats` — mean, median, nearest-rank percentiles (pure);
- :mod:`counter.reports.model` — the report as frozen data;
- :mod:`counter.reports.queries` — day and period reports (one unit of work, manager only);
- :mod:`counter.reports.live` — the live hall (waiting, windows, deadlines, follow-ups);
- :mod:`counter.reports.export` — JSON, CSV, XLSX and the A4 document content.
"""
