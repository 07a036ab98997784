//! Guards the CLI against bad input: every case in tests/cases/bad-input/cases.toml exits with
//! status 2, prints one message naming the field, line or key at fault, and never panics; the
//! same message is available in Chinese.

use crate::util::cli;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    file: String,
    command: Vec<String>,
    content: String,
    expect: String,
}

#[test]
fn bad_input_gets_a_clear_message_and_status_2() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/bad-input");
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(root.join("cases.toml")).unwrap()).unwrap();
    let dir = std::env::temp_dir().join(format!("licheng-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for case in &cases.case {
        let path = dir.join(&case.file);
        std::fs::write(&path, &case.content).unwrap();
        let args: Vec<String> = case
            .command
            .iter()
            .map(|a| a.replace("{file}", path.to_str().unwrap()))
            .collect();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _out, err) = cli(&refs);
        assert_eq!(code, 2, "{}: exit {code}, stderr {err}", case.name);
        assert!(
            err.contains(&case.expect),
            "{}: message should name '{}': {err}",
            case.name,
            case.expect
        );
        assert!(!err.contains("panicked"), "{}: {err}", case.name);
        let mut zh = refs.clone();
        zh.extend(["--lang", "zh"]);
        let (code_zh, _, err_zh) = cli(&zh);
        assert_eq!(code_zh, 2);
        assert!(err_zh.starts_with("错误"), "{}: {err_zh}", case.name);
    }
    std::fs::remove_dir_all(&dir).ok();
}
