//! The Yew workbench (wasm32 only): what the analyst sees and touches.
pub mod i18n;

use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let total = crate::model::demo_total();
    html! {
        <main>
            <h1 id="app-title">{ "鲤城区以人为本新型城镇化情景模拟" }</h1>
            <p>{ "2028年常住人口（演示）：" }<span id="headline-population">{ format!("{:.0}", total) }</span></p>
        </main>
    }
}
