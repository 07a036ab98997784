//! The xlsx worker's entry (built for wasm32 by trunk, loaded only when an analyst asks for the
//! meeting table as XLSX): says `"ready"` once it listens, then takes a `MeetingTable` as JSON
//! text and answers with the file's bytes (a `Uint8Array`) or with an error message (a string,
//! in Chinese then English).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the xlsx worker is built for wasm32 by trunk: run scripts/serve (see README)");
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use licheng_sim::scenario::meeting_table::MeetingTable;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let answer: JsValue = match serde_json::from_str::<MeetingTable>(&text) {
            Err(e) => JsValue::from_str(&format!(
                "表格数据无法读取 / the table could not be read: {e}"
            )),
            Ok(table) => match table.to_xlsx() {
                Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
                Err(e) => JsValue::from_str(&format!("{} / {}", e.message("zh"), e.message("en"))),
            },
        };
        let _ = reply_to.post_message(&answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
