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

/// `seeds/hindcast.json` as the expression of a `scenario::hindcast::Hindcast` with borrowed
/// data (strings and floats printed with `{:?}`, which Rust reads back exactly).
fn write_hindcast(out_dir: &Path) {
    let source = "seeds/hindcast.json";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    // Each field of `v` named in `keys`, as `key: <literal>`: text borrowed, numbers exact.
    let fields = |v: &serde_json::Value, keys: &[&str]| -> String {
        keys.iter()
            .map(|key| {
                let literal = match &v[*key] {
                    serde_json::Value::String(s) => format!("Cow::Borrowed({s:?})"),
                    serde_json::Value::Bool(b) => b.to_string(),
                    serde_json::Value::Number(n) if n.is_i64() && *key == "year" => n.to_string(),
                    serde_json::Value::Number(n) => {
                        format!("{:?}_f64", n.as_f64().unwrap_or(f64::NAN))
                    }
                    other => panic!("{source}: {key} is {other}"),
                };
                format!("{key}: {literal}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let list = |key: &str, name: &str, keys: &[&str]| -> String {
        v[key]
            .as_array()
            .unwrap_or_else(|| panic!("{source}: no {key}"))
            .iter()
            .map(|item| format!("{name} {{ {} }}", fields(item, keys)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = list(
        "rows",
        "HindcastRow",
        &[
            "id",
            "label_zh",
            "label_en",
            "unit_zh",
            "unit_en",
            "observed",
            "model",
            "error",
            "tolerance",
            "within",
            "calibrated_to_this",
            "calibrated_zh",
            "calibrated_en",
            "source",
        ],
    );
    let years = list(
        "years",
        "HindcastYear",
        &[
            "year",
            "population",
            "births",
            "deaths",
            "net_migrants",
            "tfr",
            "birth_rate_per_mille",
            "death_rate_per_mille",
        ],
    );
    let expr = format!(
        "Hindcast {{ {}, rows: Cow::Borrowed(&[{rows}]), years: Cow::Borrowed(&[{years}]) }}",
        fields(
            &v,
            &[
                "census_date",
                "migration_method_zh",
                "migration_method_en",
                "quanzhou_method_zh",
                "quanzhou_method_en"
            ]
        ),
    );
    std::fs::write(out_dir.join("hindcast.rs"), expr)
        .unwrap_or_else(|e| panic!("writing hindcast.rs: {e}"));
}
