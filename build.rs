//! Build script: converts the seeds' TOML (`seeds/workplan.toml`, `seeds/baseline.toml`,
//! `seeds/history.toml`) into JSON
//! in `OUT_DIR`, so the page embeds and parses JSON (serde_json, which it needs anyway) and carries
//! no TOML parser. A malformed seed fails the build with the file and the parser's message.

use std::path::Path;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["workplan", "baseline", "history"] {
        let source = format!("seeds/{name}.toml");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let json = serde_json::to_string(&value).expect("TOML values map onto JSON");
        std::fs::write(Path::new(&out_dir).join(format!("{name}.json")), json)
            .unwrap_or_else(|e| panic!("writing {name}.json: {e}"));
    }
}
