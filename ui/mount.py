"""Mount the chat UI at ``/`` of the API app, so one process serves /ask, /docs and the page."""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI

from assistant.admission import Admission
from assistant.services import Services
from dgplan.settings import Settings

log = logging.getLogger(__name__)

# System Thai fonts only: the default theme would fetch Google Fonts, which fails offline.
FONTS = ["Noto Sans Thai", "Sarabun", "Leelawadee UI", "Tahoma", "Loma", "Garuda", "system-ui", "sans-serif"]
MONO = ["ui-monospace", "Menlo", "Consolas", "monospace"]

CSS = """
.gradio-container { max-width: 920px !important; margin: 0 auto !important; }
#dg-top { align-items: center; gap: 8px; }
#dg-header .dg-brand { font-size: 1.35rem; font-weight: 700; color: var(--body-text-color);
  line-height: 1.3; }
#dg-header .dg-tagline { font-size: .92rem; color: var(--body-text-color-subdued); margin-top: 2px; }
#dg-lang { flex-grow: 0 !important; }
#dg-lang .wrap { flex-wrap: nowrap; gap: 6px; }
#dg-ask { align-items: stretch; gap: 8px; }
#dg-ask textarea { font-size: 1rem; }
#dg-ask textarea::placeholder { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#dg-tools { justify-content: flex-end; }
#dg-tools button { flex-grow: 0 !important; }
#dg-feedback { padding: 10px 12px; }
#dg-feedback .prose p { margin: 0; }
#dg-footer { font-size: .82rem; color: var(--body-text-color-subdued); text-align: center; }
#dg-footer a { color: var(--link-text-color); }
#dg-chat .message { font-size: .98rem; line-height: 1.65; }
.dg-msg { display: flex; flex-direction: column; gap: 10px; }
.dg-answer { white-space: normal; }
.dg-answer p.dg-p { margin: 0 0 .45em; }
.dg-ref { color: var(--color-accent); font-weight: 700; white-space: nowrap; }
.dg-sources { border-top: 1px solid var(--border-color-primary); padding-top: 8px; display: flex;
  flex-direction: column; gap: 6px; }
.dg-h { font-weight: 700; font-size: .9rem; }
details.dg-cite { border: 1px solid var(--border-color-primary); border-radius: 8px;
  background: var(--background-fill-primary); padding: 6px 10px; }
details.dg-cite > summary { cursor: pointer; font-size: .92rem; list-style-position: outside;
  margin-left: 1em; }
details.dg-cite > summary:focus-visible { outline: 2px solid var(--color-accent); border-radius: 4px; }
details.dg-cite .dg-num { font-weight: 700; color: var(--color-accent); }
details.dg-cite .dg-title { font-weight: 600; }
details.dg-cite .dg-where { color: var(--body-text-color-subdued); }
.dg-passage { margin: 8px 0 6px; padding: 8px 10px; border-left: 3px solid var(--color-accent);
  background: var(--background-fill-secondary); font-size: .92rem; overflow-wrap: anywhere; }
a.dg-link, a.dg-view { font-size: .88rem; margin-right: 12px; }
.dg-abstain, .dg-error { border-left: 4px solid #b45309; background: #fff7e6; color: #4a2c00;
  padding: 10px 12px; border-radius: 6px; }
.dg-error { border-left-color: #b91c1c; background: #fdecec; color: #5b0f0f; }
.dg-abstain-title { font-weight: 700; margin-bottom: 2px; }
.dg-hint { font-size: .88rem; margin-top: 4px; opacity: .9; }
.dark .dg-abstain { background: #3b2a06; color: #ffe8b0; border-left-color: #f59e0b; }
.dark .dg-error { background: #3f1212; color: #ffd6d6; border-left-color: #f87171; }
.dg-card { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: 10px 12px;
  background: var(--background-fill-secondary); }
.dg-card-kicker { font-size: .8rem; color: var(--body-text-color-subdued); }
.dg-card-title { font-weight: 700; margin: 2px 0; }
.dg-sub { font-size: .85rem; color: var(--body-text-color-subdued); }
.dg-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; }
.dg-card dt { font-weight: 600; font-size: .88rem; }
.dg-card dd { margin: 0; font-size: .92rem; }
.dg-working { flex-direction: row; align-items: center; gap: 8px; color: var(--body-text-color-subdued); }
.dg-spin { width: 14px; height: 14px; border-radius: 50%; border: 2px solid var(--border-color-primary);
  border-top-color: var(--color-accent); animation: dg-spin .8s linear infinite; display: inline-block; }
@keyframes dg-spin { to { transform: rotate(360deg); } }
#dg-chat .bot-row { max-width: 100% !important; }
@media (max-width: 480px) {
  #dg-chat .message-row { margin-left: 4px !important; margin-right: 4px !important; }
  #dg-chat .message-row.bot-row { width: calc(100% - 8px) !important; }
  #dg-top { flex-wrap: wrap; }
  #dg-header-box { min-width: 100% !important; }
  #dg-lang { margin-left: auto; }
  #dg-header .dg-brand { font-size: 1.1rem; }
  #dg-header .dg-tagline { font-size: .8rem; }
  .dg-card dl { grid-template-columns: 1fr; }
  #dg-chat .message { font-size: .95rem; }
}
"""



# Gradio scopes `css` under `.contain`, so the page padding (outside it) is set from <head> instead.
HEAD = """<style>
@media (max-width: 480px) { .gradio-container .main.app { padding-left: 8px !important;
  padding-right: 8px !important; } }
</style>"""


def _theme() -> object:
    """A calm, high-contrast theme with Thai-capable system fonts."""
    import gradio as gr

    return gr.themes.Soft(
        primary_hue="blue", secondary_hue="slate", neutral_hue="slate", font=FONTS, font_mono=MONO
    )


def mount_ui(app: FastAPI, services: Services, settings: Settings, admission: Admission | None = None) -> FastAPI:
    """Add the chat page at ``/``; routes registered before it (/ask, /docs, /health…) keep precedence.

    Its answers take slots of ``admission`` like API requests do, so a saturated server says "busy" in both.
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio as gr

    from ui.chat import build_chat
    from ui.feedback_store import FeedbackStore

    store = FeedbackStore.in_data_dir(settings.data_dir)
    app.state.feedback_store = store
    demo = build_chat(services, store, admission)
    return gr.mount_gradio_app(
        app,
        demo,
        path="/",
        footer_links=[],
        ssr_mode=False,
        theme=_theme(),
        css=CSS,
        head=HEAD,
    )
