"""The look of the upload and index tabs (result lines by outcome, the status charts). Added to
style.CSS by server.launch_options; kept apart so the chat's stylesheet and this one change alone."""
from __future__ import annotations

# One colour per outcome and per status, the same family as the chat's status badges (style.py).
INDEX_CSS = """
.up-lines { display: flex; flex-direction: column; gap: 6px; margin-top: 4px; }
.up-lines.up-empty { color: #6b7280; font-size: .88rem; border: 1px dashed #d0d5dd; border-radius: 10px;
  padding: 12px 14px; background: #f8fafc; }
.up-line { display: flex; align-items: baseline; gap: 10px; border-radius: 10px; padding: 8px 12px;
  border: 1px solid; border-left-width: 5px; font-size: .9rem; line-height: 1.4; }
.up-text { overflow-wrap: anywhere; }
.up-badge { flex: 0 0 auto; border-radius: 999px; padding: 1px 9px; font-size: .74rem; font-weight: 700;
  white-space: nowrap; }
.up-added { background: #f0faf3; border-color: #b7e2c4; border-left-color: #1a7f3c; color: #14532d; }
.up-added .up-badge { background: #1a7f3c; color: #fff; }
.up-replaced { background: #eef5fc; border-color: #b9d3ee; border-left-color: #14578f; color: #0b3a67; }
.up-replaced .up-badge { background: #14578f; color: #fff; }
.up-unchanged { background: #f4f5f7; border-color: #d0d5dd; border-left-color: #667085; color: #344054; }
.up-unchanged .up-badge { background: #667085; color: #fff; }
.up-rejected { background: #fdf0ef; border-color: #f5b5b0; border-left-color: #b42318; color: #7a1a12; }
.up-rejected .up-badge { background: #b42318; color: #fff; }
.up-working { background: #fffaf0; border-color: #f6d58e; border-left-color: #b54708; color: #7a2e0e; }
.up-working .up-badge { background: #b54708; color: #fff; animation: up-pulse 1.2s ease-in-out infinite; }
.up-other { background: #f8fafc; border-color: #e4e7ec; color: #344054; }
@keyframes up-pulse { 50% { opacity: .45; } }

#charts { gap: 14px; }
.chart { background: #fff; border: 1px solid #dde3ea; border-radius: 12px; padding: 12px 14px; }
.chart-title { font-weight: 700; color: #0b3a67; font-size: .95rem; margin-bottom: 6px; }
.chart-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: .76rem; color: #475467; margin-bottom: 8px; }
.legend-item { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
.legend-dot { display: inline-block; width: 11px; height: 11px; border-radius: 3px; border: 1px solid; }
.chart-rows { display: flex; flex-direction: column; gap: 7px; }
.bar-row { display: grid; grid-template-columns: minmax(90px, 34%) 1fr 34px; align-items: center; gap: 8px; }
.bar-label { font-size: .8rem; color: #1f2937; line-height: 1.2; overflow-wrap: normal; word-break: normal; }
.bar-track { background: #f2f4f7; border-radius: 6px; }
.bar { display: flex; height: 26px; border-radius: 6px; overflow: hidden; min-width: 28px; }
.bar-seg { flex-basis: 0; min-width: 18px; border: 0 !important; border-right: 2px solid #fff !important; margin: 0;
  padding: 0 2px; font-size: .74rem; font-weight: 700; cursor: pointer; border-radius: 0 !important;
  box-shadow: none !important; transition: filter .12s; }
.bar-seg:last-child { border-right: 0 !important; }
.bar-seg:hover, .bar-seg:focus-visible { filter: brightness(.9) saturate(1.3); outline: 2px solid #0b3a67;
  outline-offset: -2px; }
.bar-seg.st-ok, .legend-dot.st-ok { background: #4caf72; color: #fff; border-color: #3d9a61; }
.bar-seg.st-partial, .legend-dot.st-partial { background: #f2b33d; color: #3b2300; border-color: #d99a22; }
.bar-seg.st-fail, .legend-dot.st-fail { background: #e0534a; color: #fff; border-color: #c2413a; }
.bar-seg.st-cancel, .legend-dot.st-cancel { background: #98a2b3; color: #fff; border-color: #7d8798; }
.bar-total { font-size: .8rem; font-weight: 700; color: #344054; text-align: right; }
.chart-hint { font-size: .74rem; color: #6b7280; margin-top: 8px; }
.chart-empty p { color: #6b7280; font-size: .86rem; margin: 4px 0 0 0; }
"""
