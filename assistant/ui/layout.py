"""The app's layout: three tabs (Consultar, Agregar informes, Índice) wired to an Assistant.

Concurrency: questions share a pool of ``settings.concurrency`` workers (the chat and the /ask
endpoint alike); writes (upload, removal) have their own pool of one, so an upload never takes a
chat worker and never waits for one. The service serialises writes and answers from a snapshot.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import gradio as gr

from ..service import Assistant
from ..settings import Settings
from . import charts, reports_view
from .api import ask_endpoint
from .cards import EMPTY_PANEL
from .chat import ChatHandlers
from .feedback import FeedbackHandlers
from .filters import ALL, FILTER_FIELDS, LABELS, choices
from .manage import ManageHandlers, header_html
from .upload import result_html

EXAMPLES = [
    "¿Por qué se canceló la evaluación de impacto?",
    "¿Qué compromisos no se cumplieron?",
    "¿Qué compromisos fueron cancelados?",
    "¿Cuántos compromisos quedaron parcialmente cumplidos?",
]
CHAT_HEIGHT = "calc(100vh - 470px)"  # at 1400x1000 the box, examples and buttons fit above the fold
ASK = "ask"  # concurrency pool of questions
WRITE = "write"  # concurrency pool of index writes


def build_app(assistant: Assistant, settings: Settings, *, exports: Path | None = None) -> gr.Blocks:
    exports = exports or Path(tempfile.mkdtemp(prefix="informes-conversaciones-"))
    chat = ChatHandlers(assistant, exports)
    votes = FeedbackHandlers(Path(settings.store) / "feedback.jsonl")
    manage = ManageHandlers(assistant, settings.max_upload_mb)
    reports, facets = assistant.reports(), assistant.facets()

    with gr.Blocks(title="Asistente de Informes de Egreso", analytics_enabled=False,
                   delete_cache=(3600, 24 * 3600)) as demo:
        header = gr.HTML(header_html(reports))
        turns = gr.State([])
        with gr.Tabs() as tabs:
            with gr.Tab("Consultar", id="consultar"):
                with gr.Row(equal_height=False, elem_id="consult-row"):
                    with gr.Column(scale=6, min_width=0, elem_id="chat-column"):
                        chatbot = gr.Chatbot(
                            show_label=False, height=CHAT_HEIGHT, min_height=300, elem_id="chat",
                            feedback_options=None, buttons=[],
                            placeholder="**Haga una pregunta sobre los informes indexados.**<br>"
                                        "Cada respuesta cita la fila del informe de donde sale; "
                                        "haga clic en una cita para ver el pasaje y la página.")
                        with gr.Row(equal_height=True, elem_id="ask-row"):
                            question = gr.Textbox(show_label=False, placeholder="Escriba su pregunta y presione Enter…",
                                                  lines=1, max_lines=4, scale=8, min_width=0, elem_id="question",
                                                  autofocus=True)
                            ask_button = gr.Button("Preguntar", variant="primary", scale=1, min_width=100,
                                                   elem_id="ask-button")
                        gr.Examples(EXAMPLES, inputs=question, label="Ejemplos", elem_id="examples")
                        with gr.Row(elem_id="chat-actions"):
                            download = gr.DownloadButton("Descargar conversación (.md)", interactive=False, size="sm",
                                                         elem_id="download", min_width=0)
                            list_download = gr.DownloadButton("Descargar lista completa (.csv)", visible=False,
                                                              size="sm", elem_id="download-list", min_width=0)
                            clear = gr.Button("Nueva conversación", size="sm", elem_id="new-conversation", min_width=0)
                        with gr.Group(visible=False, elem_id="feedback-box") as feedback_box:
                            feedback_prompt = gr.Markdown(elem_id="feedback-prompt")
                            with gr.Row(equal_height=True):
                                feedback_text = gr.Textbox(show_label=False, lines=1, max_lines=4, scale=6, min_width=0,
                                                           placeholder="Comentario (opcional)", elem_id="feedback-text")
                                feedback_send = gr.Button("Enviar", size="sm", scale=1, min_width=80,
                                                          elem_id="feedback-send")
                                feedback_skip = gr.Button("Cerrar", size="sm", scale=1, min_width=80)
                    with gr.Column(scale=7, min_width=0, elem_id="side-column"):
                        with gr.Accordion("Filtros", open=True, elem_id="filters"):
                            with gr.Row(elem_id="filter-row"):
                                filters = {name: gr.Dropdown(label=LABELS[name], choices=choices(facets.get(name, [])),
                                                             value=ALL, elem_id=f"filter-{name}", min_width=150)
                                           for name in FILTER_FIELDS}
                                clear_filters = gr.Button("Quitar filtros", size="sm", min_width=0, scale=0,
                                                          elem_id="clear-filters")
                        cite_pick = gr.Radio(label="Citas de la última respuesta", choices=[], elem_id="cite-pick",
                                             visible=False)
                        cite_key = gr.Textbox(visible="hidden", elem_id="cite-key")
                        unfilter_key = gr.Textbox(visible="hidden", elem_id="unfilter-key")
                        feedback_key = gr.Textbox(visible="hidden", elem_id="feedback-key")
                        feedback_pending = gr.State(None)
                        with gr.Row(equal_height=False, elem_id="evidence"):
                            passage = gr.HTML(EMPTY_PANEL, elem_id="passage", min_width=0)
                            page = gr.Image(visible=False, type="pil", format="png", interactive=False,
                                            show_label=False, elem_id="page-image", buttons=["fullscreen", "download"],
                                            min_width=0)

            with gr.Tab("Agregar informes", id="agregar"):
                gr.Markdown(
                    "Suba uno o varios **informes de egreso** en PDF (o exportados a texto). Se leen, se indexan y "
                    "quedan disponibles de inmediato para las preguntas. Un archivo con el mismo contenido que otro "
                    "ya indexado se reconoce y no se duplica; uno con el mismo nombre reemplaza al anterior. "
                    f"Límite: **{settings.max_upload_mb} MB** por archivo.")
                # No file_types: Gradio would refuse the whole batch for one file of another type;
                # every file reaches the handler, and a wrong one is reported in its own line.
                files = gr.File(label="Informes (PDF o texto)", file_count="multiple",
                                type="filepath", elem_id="upload-files")
                upload_button = gr.Button("Agregar al índice", variant="primary", elem_id="upload-button")
                results = gr.Textbox(label="Resultado (una línea por archivo)", lines=5, max_lines=20,
                                     interactive=False, elem_id="upload-results", visible="hidden")
                results_view = gr.HTML(result_html(""), elem_id="upload-lines")  # the same lines, coloured

            with gr.Tab("Índice", id="indice") as index_tab:
                summary = gr.Markdown(reports_view.summary(reports))
                with gr.Row(equal_height=False, elem_id="charts"):
                    chart_views = [gr.HTML(charts.chart_html(reports, by), elem_id=f"chart-{by}", min_width=340,
                                           js_on_load=charts.CLICK_JS) for by in charts.BY]
                table = gr.Dataframe(value=reports_view.table_rows(reports), headers=reports_view.COLUMNS,
                                     interactive=False, wrap=True, elem_id="reports-table", show_label=False,
                                     column_widths=reports_view.WIDTHS, max_height=640)
                with gr.Row(equal_height=False, elem_id="remove-row"):
                    remove_pick = gr.Dropdown(label="Informe a quitar", choices=reports_view.removal_choices(reports),
                                              value=None, allow_custom_value=True, scale=4, elem_id="remove-pick")
                    remove_button = gr.Button("Quitar…", variant="stop", scale=1, min_width=110)
                    refresh_button = gr.Button("Actualizar tabla", scale=1, min_width=110)
                with gr.Group(visible=False) as confirm_box:
                    confirm_text = gr.Markdown()
                    with gr.Row():
                        confirm_button = gr.Button("Sí, quitar del índice", variant="stop", elem_id="confirm-remove")
                        cancel_button = gr.Button("Cancelar")
                    remove_token = gr.Textbox(visible="hidden", elem_id="remove-token")
                remove_message = gr.Markdown()

        # -- wiring -------------------------------------------------------------------------
        filter_inputs = [filters[name] for name in FILTER_FIELDS]
        chat_outputs = [chatbot, question, turns, cite_pick, passage, page, download, list_download]
        for name, trigger in (("chat_submit", question.submit), ("chat_click", ask_button.click)):
            trigger(chat.ask, [question, turns, *filter_inputs], chat_outputs, api_name=name, concurrency_id=ASK,
                    concurrency_limit=settings.concurrency, api_visibility="private", show_progress="hidden")
        unfilter_key.change(clear_filters_then_ask(chat), [unfilter_key, turns], [*chat_outputs, *filter_inputs],
                            concurrency_id=ASK, concurrency_limit=settings.concurrency, api_visibility="private",
                            show_progress="hidden")
        clear_filters.click(lambda: (ALL,) * len(filter_inputs), None, filter_inputs, api_visibility="private")
        feedback_key.change(votes.vote, [feedback_key, turns], [feedback_box, feedback_prompt, feedback_pending,
                                                                feedback_text], api_visibility="private")
        for trigger in (feedback_send.click, feedback_text.submit):
            trigger(votes.comment, [feedback_text, feedback_pending, turns], [feedback_box, feedback_pending,
                                                                             feedback_text], api_visibility="private")
        for trigger in (feedback_skip.click, clear.click):  # a new conversation closes an open comment box too
            trigger(lambda: (gr.update(visible=False), None), None, [feedback_box, feedback_pending],
                    api_visibility="private")
        cite_pick.input(chat.open, [cite_pick, turns], [passage, page, cite_pick], api_visibility="private")
        cite_key.change(chat.open, [cite_key, turns], [passage, page, cite_pick], api_visibility="private")
        for trigger in (clear.click, chatbot.clear):  # the chat's own trash icon starts over too
            trigger(chat.clear, None, [chatbot, turns, cite_pick, passage, page, download, list_download],
                    api_visibility="private")

        refresh_outputs = [header, table, summary, remove_pick, *filter_inputs, *chart_views]
        for view in chart_views:  # a click on a bar segment asks for that list in the chat
            view.click(charts.open_list, None, [question, *filter_inputs, tabs], api_visibility="private").success(
                chat.ask, [question, turns, *filter_inputs], chat_outputs, api_name="chart_ask", concurrency_id=ASK,
                concurrency_limit=settings.concurrency, api_visibility="private", show_progress="hidden")
        upload_button.click(manage.upload_live, [files], [results], api_name="upload", concurrency_id=WRITE,
                            concurrency_limit=1, show_progress="hidden").then(
            manage.refresh, filter_inputs, refresh_outputs, api_visibility="private", show_progress="hidden").then(
            lambda: None, None, [files], api_visibility="private", show_progress="hidden")
        refresh_button.click(manage.table, None, [table], api_name="reports")
        results.change(result_html, [results], [results_view], api_visibility="private", show_progress="hidden")
        index_tab.select(manage.refresh, filter_inputs, refresh_outputs, api_visibility="private")
        remove_button.click(manage.ask_removal, [remove_pick], [confirm_box, confirm_text, remove_message, remove_token],
                            api_name="removal_dialog", api_visibility="private")
        cancel_button.click(lambda: (gr.update(visible=False), "", ""), None, [confirm_box, remove_message, remove_token],
                            api_visibility="private")
        gr.api(manage.removal_request, api_name="ask_removal")
        confirm_button.click(lambda: gr.update(visible=False), None, [confirm_box], api_visibility="private").then(
            manage.remove, [remove_pick, remove_token], [remove_message], api_name="remove", concurrency_id=WRITE,
            concurrency_limit=1).then(
            manage.refresh, filter_inputs, refresh_outputs, api_visibility="private")
        demo.load(manage.refresh, filter_inputs, refresh_outputs, api_visibility="private")
        gr.api(ask_endpoint(assistant), api_name="ask", concurrency_id=ASK, concurrency_limit=settings.concurrency)

    demo.queue(default_concurrency_limit=settings.concurrency)
    return demo


def clear_filters_then_ask(chat: ChatHandlers):
    """A click on «Quitar filtros» under an answer («T:nonce» in #unfilter-key): the filters go back to
    «Todos»; after a refusal, that turn's question is asked again without them.
    Outputs: the chat's outputs, then the filters."""
    cleared = (ALL,) * len(FILTER_FIELDS)

    def clear_filters(key: str, turns, request: gr.Request):
        match = re.fullmatch(r"(\d+)(?::.*)?", (key or "").strip())
        if not match or int(match.group(1)) >= len(turns):
            yield (*(gr.skip(),) * 8, *(gr.skip(),) * len(cleared))
            return
        turn = turns[int(match.group(1))]
        yield (*(gr.skip(),) * 8, *cleared)
        if turn.answer.refused:
            for outputs in chat.ask(turn.question, turns, *cleared, request):
                yield (*outputs, *cleared)

    return clear_filters
