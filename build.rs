//! Build script: converts the seeds' TOML (`seeds/workplan.toml`, `seeds/baseline.toml`,
//! `seeds/history.toml`) into JSON in `OUT_DIR`, so the page embeds and parses JSON (serde_json,
//! which it needs anyway) and carries no TOML parser; and the committed hindcast
//! (`seeds/hindcast.json`) into a Rust literal (`hindcast.rs`), so the page shows it without a
//! parser for it. A malformed seed fails the build with the file and the parser's message.

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
    write_hindcast(Path::new(&out_dir));
}

/// `seeds/hindcast.json` as the expression of a `scenario::hindcast::Committed` (strings and
/// floats printed with `{:?}`, which Rust reads back exactly).
fn write_hindcast(out_dir: &Path) {
    let source = "seeds/hindcast.json";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    let text_of = |v: &serde_json::Value, key: &str| -> String {
        let s = v[key]
            .as_str()
            .unwrap_or_else(|| panic!("{source}: {key} is not text"));
        format!("{s:?}")
    };
    let number = |v: &serde_json::Value, key: &str| -> String {
        let x = v[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{source}: {key} is not a number"));
        format!("{x:?}_f64")
    };
    let flag = |v: &serde_json::Value, key: &str| -> String {
        v[key]
            .as_bool()
            .unwrap_or_else(|| panic!("{source}: {key} is not true or false"))
            .to_string()
    };
    let rows: Vec<String> = v["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("{source}: no rows"))
        .iter()
        .map(|r| {
            format!(
                "CommittedRow {{ id: {}, label_zh: {}, label_en: {}, unit_zh: {}, unit_en: {}, observed: {}, model: {}, error: {}, tolerance: {}, within: {}, calibrated_to_this: {}, calibrated_zh: {}, calibrated_en: {}, source: {} }}",
                text_of(r, "id"), text_of(r, "label_zh"), text_of(r, "label_en"),
                text_of(r, "unit_zh"), text_of(r, "unit_en"), number(r, "observed"),
                number(r, "model"), number(r, "error"), number(r, "tolerance"),
                flag(r, "within"), flag(r, "calibrated_to_this"), text_of(r, "calibrated_zh"),
                text_of(r, "calibrated_en"), text_of(r, "source"),
            )
        })
        .collect();
    let years: Vec<String> = v["years"]
        .as_array()
        .unwrap_or_else(|| panic!("{source}: no years"))
        .iter()
        .map(|y| {
            let year = y["year"]
                .as_i64()
                .unwrap_or_else(|| panic!("{source}: a year is not a whole number"));
            format!(
                "CommittedYear {{ year: {year}, tfr: {} }}",
                number(y, "tfr")
            )
        })
        .collect();
    let expr = format!(
        "Committed {{ census_date: {}, rows: &[{}], years: &[{}], migration_method_zh: {}, migration_method_en: {}, quanzhou_method_zh: {}, quanzhou_method_en: {} }}",
        text_of(&v, "census_date"),
        rows.join(", "),
        years.join(", "),
        text_of(&v, "migration_method_zh"),
        text_of(&v, "migration_method_en"),
        text_of(&v, "quanzhou_method_zh"),
        text_of(&v, "quanzhou_method_en"),
    );
    std::fs::write(out_dir.join("hindcast.rs"), expr)
        .unwrap_or_else(|e| panic!("writing hindcast.rs: {e}"));
}
