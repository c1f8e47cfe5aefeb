"""A corpus of report PDFs from producers we did not write (office suites, a browser, reportlab
platypus), with the truth taken from the generator, and a field-by-field scorer.

- ``variants``: what varies between fixtures (rulings, cell alignment, order of the status and the
  verification means, section rows, repeated headers, long and short cells, observations) and the
  cell texts of a row under a variant.
- ``html``, ``reportlab_table``, ``docx_table``: render a report as HTML, a platypus Table, a DOCX.
- ``convert``: LibreOffice (many files in one call) and Chromium turn HTML/DOCX into PDF.
- ``truth``: the pages each row lands on, found by aligning the generator's text to the PDF's words.
- ``generate``: the command that writes fixtures (PDF + truth JSON) for every producer.
- ``score``: aligns parsed rows to truth rows and scores every field (pure functions).
- ``report``: prints per producer and variant the accuracy and the first wrong fields.
"""
