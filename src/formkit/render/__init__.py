"""Render: the checked template as forms for people (HTML, an Excel workbook), for host platforms (JSON form spec)."""

from formkit.render.html import render_html, static_dir
from formkit.render.spec import form_spec
from formkit.render.xlsx import read_workbook, render_xlsx

__all__ = ["form_spec", "read_workbook", "render_html", "render_xlsx", "static_dir"]
