//! Browser entry point: records any panic where www/boot.js shows it in a recoverable panel
//! (what happened, diagnostics to copy, the scenario link), then mounts the Yew workbench.
#[cfg(target_arch = "wasm32")]
fn main() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        gloo::console::error!(format!("licheng: {message}"));
        if let Some(root) = gloo::utils::document().document_element() {
            // Picked up by boot.js's observer, which builds the panel with textContent only.
            let _ = root.set_attribute("data-panic", &message);
        }
    }));
    yew::Renderer::<licheng_sim::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the page is built for wasm32 by trunk: run scripts/serve (see README)");
}
