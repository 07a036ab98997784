//! Build script: converts the seeds' TOML (`seeds/workplan.toml`, `seeds/baseline.toml`,
//! `seeds/history.toml`) into JSON in `OUT_DIR`, so the page embeds and parses JSON (serde_json,
//! which it needs anyway) and carries no TOML parser, with the tasks' full texts, the targets' quotes and readings and
//! the figures' sources and methods in Rust slices beside it (`task_texts.rs`, `target_texts.rs`,
//! `figure_texts.rs`); and the committed hindcast
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
        let mut value = serde_json::to_value(&value).expect("TOML values map onto JSON");
        match name {
            "workplan" => {
                write_texts(
                    &mut value,
                    "task",
                    "number",
                    &[("text_zh", REQUIRED)],
                    "task_texts.rs",
                );
                write_texts(
                    &mut value,
                    "target",
                    "id",
                    &[
                        ("quote_zh", REQUIRED),
                        ("reading_zh", REQUIRED),
                        ("reading_en", REQUIRED),
                    ],
                    "target_texts.rs",
                );
            }
            "baseline" => write_texts(
                &mut value,
                "figure",
                "id",
                &[
                    ("source", REQUIRED),
                    ("method_zh", OPTIONAL),
                    ("method_en", OPTIONAL),
                ],
                "figure_texts.rs",
            ),
            _ => {}
        }
        let json = serde_json::to_string(&value).expect("JSON values print");
        std::fs::write(Path::new(&out_dir).join(format!("{name}.json")), json)
            .unwrap_or_else(|e| panic!("writing {name}.json: {e}"));
    }
    write_hindcast(Path::new(&out_dir));
}

/// Whether every item must have a text (a seed without it fails the build, as a missing field
/// of the JSON would fail to parse).
const REQUIRED: bool = true;
const OPTIONAL: bool = false;

/// Moves the long texts `fields` of each item of `value[list]` out of the JSON into the Rust
/// slice `file`, `&[(key, [Option<&str>; fields.len()])]`, so that only the views that show them
/// link them in (the first view parses the JSON and shows none of them).
fn write_texts(
    value: &mut serde_json::Value,
    list: &str,
    key: &str,
    fields: &[(&str, bool)],
    file: &str,
) {
    let items = value[list]
        .as_array_mut()
        .unwrap_or_else(|| panic!("{list}: not a list"));
    let entries: Vec<String> = items
        .iter_mut()
        .map(|item| {
            let key = match &item[key] {
                serde_json::Value::String(s) => format!("{s:?}"),
                other => format!("{other}"),
            };
            let item = item.as_object_mut().expect("each item is a table");
            let texts: Vec<String> = fields
                .iter()
                .map(|(f, required)| match item.remove(*f) {
                    Some(serde_json::Value::String(s)) => format!("Some({s:?})"),
                    None if *required => panic!("{list} {key}: no {f}"),
                    None => "None".to_string(),
                    Some(other) => panic!("{list} {key}: {f} is {other}, not text"),
                })
                .collect();
            format!("({key}, [{}])", texts.join(", "))
        })
        .collect();
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(
        Path::new(&out_dir).join(file),
        format!("&[{}]", entries.join(",\n")),
    )
    .unwrap_or_else(|e| panic!("writing {file}: {e}"));
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
