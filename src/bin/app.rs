//! Browser entry point: mounts the Yew workbench (built for wasm32 by trunk).
#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<licheng_sim::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the page is built for wasm32 by trunk: run scripts/serve (see README)");
}
