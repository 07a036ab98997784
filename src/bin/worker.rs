//! Web-worker entry point: registers the Monte Carlo reactor (built for wasm32 by trunk).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker is built for wasm32 by trunk: run scripts/serve (see README)");
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo::worker::Registrable;
    licheng_sim::worker::McReactor::registrar().register();
}
