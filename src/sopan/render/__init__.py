"""Outputs made from one SOP document. PURE: no Django import.

``layout`` computes the procedure table and flowchart geometry once (plain data, points);
every format (SVG, PDF, DOCX, BPMN, Mermaid, HTML) draws from it or from the document.
"""
