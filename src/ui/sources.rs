//! The "数据来源 / Sources" section: the baseline's basis and note, then every baseline figure
//! of `seeds::baseline_figures()` with value, unit, year, official/estimate badge, source,
//! method and confidence.

use super::format;
use super::i18n::{self, Lang};
use crate::scenario::seeds::{self, BaselineFigures};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourcesPanelProps {
    pub lang: Lang,
}

#[function_component(SourcesPanel)]
pub fn sources_panel(props: &SourcesPanelProps) -> Html {
    let lang = props.lang;
    let figures: Rc<BaselineFigures> = use_memo((), |_| seeds::baseline_figures());
    let meta = &figures.meta;
    let rows = figures.figures.iter().map(|f| {
        let official = f.status == "official";
        let unit = lang.pick(&f.unit_zh, &f.unit_en);
        let method = match lang {
            Lang::Zh => f.method_zh(),
            Lang::En => f.method_en(),
        };
        html! {
            <article class="figure" id={format!("figure-{}", f.id)}>
                <header class="figure-head">
                    <h3 class="figure-label">{ lang.pick(&f.label_zh, &f.label_en) }</h3>
                    <span class={classes!("badge", if official { "badge-official" } else { "badge-estimate" })}>
                        { if official { i18n::STATUS_OFFICIAL.get(lang) } else { i18n::STATUS_ESTIMATE.get(lang) } }
                    </span>
                </header>
                <dl class="figure-facts">
                    <div>
                        <dt class="visually-hidden">{ i18n::VALUE.get(lang) }</dt>
                        <dd class="figure-value" data-value={format!("{}", f.value)}>
                            { format::exact_with_unit(f.value, unit, lang) }
                        </dd>
                    </div>
                    if let Some(year) = f.year {
                        <div><dt>{ i18n::YEAR.get(lang) }</dt><dd>{ year }</dd></div>
                    }
                    <div><dt>{ i18n::CONFIDENCE.get(lang) }</dt><dd>{ i18n::confidence(lang, &f.confidence) }</dd></div>
                </dl>
                <p class="figure-source"><span class="term">{ i18n::SOURCE.get(lang) }{ i18n::COLON.get(lang) }</span>{ f.source() }</p>
                if let Some(method) = method {
                    <p class="figure-method"><span class="term">{ i18n::METHOD.get(lang) }{ i18n::COLON.get(lang) }</span>{ method }</p>
                }
            </article>
        }
    });
    html! {
        <section class="sources" aria-labelledby="sources-heading">
            <h2 id="sources-heading">{ i18n::SOURCES_HEADING.get(lang) }</h2>
            <div class="basis-note">
                <p><strong>{ i18n::BASIS.get(lang) }{ i18n::COLON.get(lang) }</strong>{ lang.pick(&meta.basis_zh, &meta.basis_en) }</p>
                <p><strong>{ i18n::BASE_YEAR.get(lang) }{ i18n::COLON.get(lang) }</strong>{ meta.base_year }</p>
                <p>{ lang.pick(&meta.note_zh, &meta.note_en) }</p>
                <p class="hint">{ i18n::SOURCES_LEVERS_NOTE.get(lang) }</p>
            </div>
            <div class="figure-list">{ for rows }</div>
        </section>
    }
}
