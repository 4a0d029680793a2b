"""The hall manager's screen (大厅管理员): the live hall and the reports.

- :mod:`ui.manager.session` — the signed-in manager and the calls to :mod:`counter.manager`;
- :mod:`ui.manager.live` — the live hall, refreshed by change events;
- :mod:`ui.manager.reports` — day and period reports with charts, tables and exports;
- :mod:`ui.manager.tables` and :mod:`ui.manager.charts` — sortable, filterable tables and
  Qt Charts;
- :mod:`ui.manager.app` — sign-in and the main window (``counter manager``).
"""
