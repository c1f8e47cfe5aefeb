"""The app's look: theme, CSS, and the small script that makes citation cards clickable."""
from __future__ import annotations

NAVY = "#0b3a67"

CSS = """
.gradio-container { max-width: 1440px !important; margin: 0 auto !important; }
#app-header { background: linear-gradient(120deg, #0b3a67 0%, #14578f 60%, #1d6fa8 100%);
  color: #fff; border-radius: 14px; padding: 18px 24px; margin-bottom: 4px; display: flex;
  align-items: center; justify-content: space-between; gap: 16px; flex-wrap: wrap; }
#app-header h1 { color: #fff; font-size: 1.45rem; margin: 0 0 4px 0; font-weight: 700; letter-spacing: -.01em; }
#app-header p { color: #dbe8f5; margin: 0; font-size: .92rem; }
#app-header .kicker { text-transform: uppercase; letter-spacing: .12em; font-size: .7rem; color: #9cc3e6;
  font-weight: 600; margin-bottom: 2px; }
#app-header .stats { display: flex; gap: 8px; }
#app-header .stat { background: rgba(255,255,255,.12); border: 1px solid rgba(255,255,255,.22);
  border-radius: 10px; padding: 6px 12px; text-align: center; min-width: 92px; }
#app-header .stat b { display: block; font-size: 1.2rem; color: #fff; }
#app-header .stat span { font-size: .72rem; color: #cfe0f1; }

.ref { color: #14578f; font-weight: 700; font-size: .85em; }
.cite-cards { display: flex; flex-direction: column; gap: 8px; margin: 2px 0; }
.cards-title { font-size: .78rem; color: #6b7280; font-weight: 600; }
.cite-card { background: #fff; border: 1px solid #dde3ea; border-left: 4px solid #14578f; border-radius: 10px;
  padding: 9px 12px; cursor: pointer; transition: box-shadow .15s, border-color .15s; color: #1f2937; }
.cite-card:hover { box-shadow: 0 3px 12px rgba(11,58,103,.14); border-color: #9ab8d6; }
.cite-card.active { box-shadow: 0 0 0 2px #14578f33, 0 3px 12px rgba(11,58,103,.14); border-color: #14578f; }
.card-head, .passage-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.card-n { display: inline-flex; align-items: center; justify-content: center; min-width: 22px; height: 22px;
  border-radius: 11px; background: #0b3a67; color: #fff; font-size: .75rem; font-weight: 700; padding: 0 6px; }
.card-prog { font-weight: 650; color: #0f172a; flex: 1 1 auto; }
.card-sub { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin-top: 5px; }
.card-sub .card-meta { margin-top: 0; }
.card-meta { font-size: .82rem; color: #4b5563; margin-top: 3px; }
.card-verif { font-size: .82rem; color: #374151; margin-top: 3px; }
.card-verif.muted { color: #9ca3af; font-style: italic; }
.card-doubt { display: inline-block; font-size: .78rem; color: #92400e; background: #fff5e0; border: 1px solid #f6d58e;
  border-radius: 6px; padding: 1px 8px; margin-top: 4px; }
.card-file { font-size: .78rem; color: #6b7280; margin-top: 4px; display: flex; justify-content: space-between; gap: 8px; }
.card-open { color: #14578f; font-weight: 600; white-space: nowrap; }
.badge { display: inline-block; border-radius: 999px; padding: 2px 10px; font-size: .74rem; font-weight: 650;
  border: 1px solid transparent; white-space: nowrap; }
.badge-date { font-weight: 500; opacity: .85; margin-left: 2px; }
.st-ok { background: #e7f6ec; color: #166534; border-color: #b7e2c4; }
.st-partial { background: #fff5e0; color: #92400e; border-color: #f6d58e; }
.st-fail { background: #fdecec; color: #b42318; border-color: #f5b5b0; }
.st-cancel { background: #eef0f3; color: #475467; border-color: #d0d5dd; }
.st-other { background: #e8f1fb; color: #14578f; border-color: #b9d3ee; }

.passage { background: #fff; border: 1px solid #dde3ea; border-radius: 12px; padding: 14px 16px; color: #1f2937; }
.passage.empty { color: #6b7280; font-size: .9rem; background: #f8fafc; border-style: dashed; text-align: center; }
.passage-body { margin-top: 10px; border-top: 1px solid #eef2f6; padding-top: 8px; font-size: .9rem; line-height: 1.5; }
.passage-body p { margin: 0 0 6px 0; }
.passage mark { background: #ffe98a; color: inherit; padding: 1px 2px; border-radius: 3px;
  box-shadow: inset 0 -2px 0 #f2c200; }
.notice { margin-top: 10px; font-size: .84rem; color: #92400e; background: #fff8e6; border: 1px solid #f6d58e;
  border-radius: 8px; padding: 6px 10px; }
.caption { margin-top: 10px; font-size: .82rem; color: #14578f; font-weight: 600; }
#page-image { border: 1px solid #dde3ea; border-radius: 12px; overflow: hidden; }
#reports-table, #reports-table table, #reports-table th, #reports-table td, #reports-table span,
#reports-table input { font-family: var(--font) !important; font-size: .86rem; }
#remove-row { align-items: flex-end; }
#remove-row > button { max-height: 46px; }
#side-title, .side-title { font-weight: 700; color: #0b3a67; font-size: .95rem; margin: 2px 0 -4px 2px; }
#cite-key, #unfilter-key, #feedback-key { display: none !important; }

/* -- the chat tab at 1400x1000: header, chat box, question, examples and buttons above the fold ------------- */
#app-header { padding: 10px 20px; }
#app-header h1 { font-size: 1.25rem; margin-bottom: 2px; }
#app-header .stat { padding: 3px 10px; }
#app-header .stat b { font-size: 1.05rem; }
#consult-row { align-items: flex-start; }
#chat-column, #side-column { min-width: 0 !important; }
#ask-row { align-items: stretch; }
#ask-button { min-height: 42px; max-height: 60px; }
#examples .gallery { display: flex !important; flex-wrap: wrap; gap: 6px; }
#examples .gallery > * { width: auto !important; flex: 0 1 auto; }
#examples .gallery-item { font-size: .8rem; margin: 0; }
#chat-actions { gap: 8px; flex-wrap: wrap; }
#chat-actions > * { flex: 1 1 160px; }
#filter-row { align-items: flex-end; }
#filter-row { flex-wrap: nowrap; }
#filter-row > .form { flex: 1 1 0 !important; min-width: 0 !important; flex-wrap: nowrap; }
#filter-row > .form > * { flex: 1 1 0 !important; min-width: 110px !important; }
#filter-row > .form > #filter-program, #filter-row > .form > #filter-ministry { flex: 2.2 1 0 !important; }
#filter-row > button#clear-filters { flex: 0 0 auto; align-self: flex-end; margin-bottom: 4px; }
/* the opened citation: passage and page side by side, in a panel that scrolls on its own */
#evidence { flex-wrap: nowrap; gap: 12px; align-items: flex-start; }
#evidence > #passage, #evidence > #page-image { flex: 1 1 0; min-width: 0 !important;
  max-height: calc(100vh - 430px) !important; overflow: auto !important; }
#cite-pick { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; padding: 4px 8px; }
#cite-pick > span, #cite-pick > .block-title, #cite-pick > label { margin: 0; }
#cite-pick .wrap { gap: 4px; }
#cite-pick label { padding: 3px 8px; font-size: .82rem; }
#evidence > #page-image img { width: 100%; height: auto; object-fit: contain; }
#evidence > #page-image .image-container, #evidence > #page-image .image-frame { height: auto !important; }

/* -- chat tools: clickable markers, the filters line, copy and thumbs ---------------------------------------- */
.ref[class*="cite-"] { cursor: pointer; text-decoration: underline dotted; }
.ref[class*="cite-"]:hover { background: #e8f1fb; border-radius: 4px; }
.filters-line { display: inline-block; font-size: .8rem; color: #475467; background: #f1f5f9;
  border: 1px solid #dde3ea; border-radius: 8px; padding: 2px 8px; }
.clear-filters { color: #b42318; font-weight: 650; cursor: pointer; margin-left: 4px; white-space: nowrap; }
.clear-filters:hover { text-decoration: underline; }
.answer-tools { display: inline-flex; gap: 6px; flex-wrap: wrap; }
.answer-tools .tool { font-size: .76rem; color: #475467; border: 1px solid #dde3ea; border-radius: 999px;
  padding: 1px 9px; cursor: pointer; background: #fff; user-select: none; white-space: nowrap; }
.answer-tools .tool:hover { border-color: #14578f; color: #14578f; }
.answer-tools .tool.done { background: #e8f1fb; border-color: #14578f; color: #0b3a67; }
#feedback-box { border: 1px solid #b9d3ee; border-radius: 10px; padding: 6px; }

/* -- the index table: program and ministry names break between words, never inside one (the file name,
   one long word, may break anywhere). Single-word headers wider than their column («Compromisos») need
   wider columns in reports_view.WIDTHS: a header is never clipped here. */
#reports-table td, #reports-table td * { word-break: normal !important; overflow-wrap: normal !important;
  hyphens: manual !important; }
#reports-table td:last-child, #reports-table td:last-child * { overflow-wrap: anywhere !important; }
#reports-table th, #reports-table th * { font-size: .78rem !important; line-height: 1.2; }
/* wide screens: a header word is never broken (the widths fit them at 1400 px); on a phone the
   table must still fit the screen, so there a long header word may break */
@media (min-width: 901px) {
  #reports-table th, #reports-table th * { word-break: normal !important; overflow-wrap: normal !important;
    hyphens: manual !important; }
}
@media (min-width: 1300px) { #reports-table table { min-width: 1180px; } }

/* -- narrow screens (a phone at 390 px): one column, nothing wider than the screen ---------------------------- */
@media (max-width: 900px) {
  #consult-row, #charts { flex-direction: column; }
  #charts > * { width: 100% !important; min-width: 0 !important; flex: 1 1 auto !important; }
  #consult-row > * { width: 100% !important; flex: 1 1 auto !important; }
  #evidence { flex-direction: column; flex-wrap: wrap; }
  #filter-row, #filter-row > .form { flex-wrap: wrap !important; }
  #evidence > #passage, #evidence > #page-image { max-height: none !important; width: 100%; flex: 1 1 auto; }
  #evidence > #page-image { order: -1; }
  #app-header .stats { flex-wrap: wrap; }
  #app-header .stat { min-width: 70px; }
  #reports-table { overflow-x: auto; max-width: calc(100vw - 64px) !important; }
  #reports-table td, #reports-table td * { overflow-wrap: anywhere !important; }
  .cite-card, .passage { overflow-wrap: anywhere; }
  .card-file { flex-wrap: wrap; }
  .tab-container, [role="tablist"] { flex-wrap: wrap; }
}
.list-group { display: flex; flex-direction: column; gap: 4px; }
.list-head { display: flex; align-items: baseline; gap: 8px; margin-top: 4px; }
.list-count { font-size: .78rem; color: #14578f; font-weight: 650; white-space: nowrap; }
.cite-card.list-row { padding: 5px 10px; font-size: .84rem; border-left-width: 3px; }
.list-text { color: #374151; }
.list-more > summary { cursor: pointer; color: #14578f; font-weight: 650; font-size: .86rem; margin: 4px 0; }
.list-more[open] > summary { margin-bottom: 6px; }
#upload-results textarea { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; }
footer { opacity: .7; }
"""

# Clicks inside the chat, forwarded to hidden boxes whose change events run the handlers
# (the chat's HTML sanitiser keeps classes, not data attributes, nor scripts):
# - a card or a [n] marker (class «cite-T-N») writes «T:N:nonce» into #cite-key: its citation opens;
# - «Quitar filtros» (class «unfilter-T») writes «T:nonce» into #unfilter-key;
# - 👍 / 👎 (class «fb-up-T» / «fb-down-T») write «T:up:nonce» / «T:down:nonce» into #feedback-key;
# - «Copiar» copies the answer's text (without the tools line) to the clipboard.
JS = r"""
() => {
  // Gradio titles its toasts with their type in English («Warning»); the page is in Spanish. The toasts
  // live outside the app's container, where the app's CSS does not reach, so this style goes in the head.
  const style = document.createElement('style');
  style.id = 'toast-titles';
  style.textContent = TOAST_CSS;
  document.head.appendChild(style);
  const send = (id, value) => {
    const box = document.querySelector(`#${id} textarea, #${id} input`);
    if (!box) return;
    box.value = value + ':' + Date.now();
    box.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const keyOf = (el, pattern) => el && [...el.classList].map((c) => c.match(pattern)).find(Boolean);
  const plainText = (message) => {
    let text = message.innerText;
    message.querySelectorAll('.answer-tools, .filters-line').forEach((el) => { text = text.replace(el.innerText, ''); });
    return text.trim();
  };
  const copy = async (text) => {
    try { await navigator.clipboard.writeText(text); return true; } catch (e) {
      const area = document.createElement('textarea');
      area.value = text; document.body.appendChild(area); area.select();
      const ok = document.execCommand('copy'); area.remove(); return ok;
    }
  };
  document.addEventListener('click', (event) => {
    const target = event.target;
    const copyButton = target.closest('.copy-answer');
    if (copyButton) {
      const message = copyButton.closest('.message-content, .message, .bot, [data-testid="bot"]') || copyButton.parentElement.parentElement;
      copy(plainText(message)).then((ok) => {
        if (!ok) return;
        copyButton.classList.add('done');
        window.__lastCopied = plainText(message);
        setTimeout(() => copyButton.classList.remove('done'), 1500);
      });
      return;
    }
    const vote = target.closest('.answer-tools .tool');
    const voteKey = keyOf(vote, /^fb-(up|down)-(\d+)$/);
    if (voteKey) {
      vote.parentElement.querySelectorAll('.tool').forEach((t) => t.classList.remove('done'));
      vote.classList.add('done');
      send('feedback-key', voteKey[2] + ':' + voteKey[1]);
      return;
    }
    const unfilter = keyOf(target.closest('.clear-filters'), /^unfilter-(\d+)$/);
    if (unfilter) { send('unfilter-key', unfilter[1]); return; }
    const cite = target.closest('.cite-card, .ref');
    const key = keyOf(cite, /^cite-(\d+)-(\d+)$/);
    if (!key) return;
    document.querySelectorAll('.cite-card.active').forEach((c) => c.classList.remove('active'));
    document.querySelectorAll(`.cite-card.cite-${key[1]}-${key[2]}`).forEach((c) => c.classList.add('active'));
    send('cite-key', key[1] + ':' + key[2]);
    if (window.innerWidth <= 900) {  // one column: the passage is below the chat
      setTimeout(() => document.querySelector('#evidence')?.scrollIntoView({ behavior: 'smooth' }), 300);
    }
  });
}
"""


TOAST_TITLES = {"warning": "Aviso", "info": "Información", "error": "Error", "success": "Listo"}
TOAST_CSS = " ".join(f".toast-title.{kind} {{ font-size: 0 !important; }} "
                     f".toast-title.{kind}::after {{ content: '{title}'; font-size: var(--text-md, 14px); }}"
                     for kind, title in TOAST_TITLES.items())
JS = JS.replace("TOAST_CSS", repr(TOAST_CSS))


def theme():
    import gradio as gr

    font = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"]
    return gr.themes.Soft(
        primary_hue=gr.themes.colors.blue, neutral_hue=gr.themes.colors.slate, radius_size="md",
        font=font, font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    ).set(button_primary_background_fill="#0b3a67", button_primary_background_fill_hover="#14578f",
          button_primary_text_color="#ffffff", block_title_text_weight="600",
          button_cancel_background_fill="#fdecec", button_cancel_background_fill_hover="#f9d2d0",
          button_cancel_text_color="#b42318", button_cancel_border_color="#f5b5b0")
