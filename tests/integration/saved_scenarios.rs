//! Guards saved scenarios (`scenario::saved`): the store keeps good entries and sets aside
//! corrupted ones raw, export/import round-trips, and merging renames duplicates.

use licheng_sim::scenario::saved::{
    export_one, import, merge, parse_store, store_json, SavedScenario, STORE_FORMAT,
};
use proptest::prelude::*;

fn scenario(name: &str, query: &str) -> SavedScenario {
    SavedScenario {
        name: name.into(),
        created: "2025-06-01T09:30".into(),
        query: query.into(),
        note: String::new(),
    }
}

fn names(list: &[SavedScenario]) -> Vec<&str> {
    list.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn store_round_trips_through_its_json() {
    let list = vec![
        scenario("High migration", "v=1&mig=2500&lang=en"),
        SavedScenario {
            note: "引号 \" 与换行\n都保留".into(),
            ..scenario("鲤城 · 稳就业", "v=1&to=2.6&lang=zh")
        },
    ];
    let text = store_json(&list);
    assert!(text.starts_with(&format!("{{\"format\":\"{STORE_FORMAT}\",\"scenarios\":[")));
    let load = parse_store(&text);
    assert!(load.set_aside.is_empty() && load.notices.is_empty());
    assert_eq!(load.scenarios, list);
    assert_eq!(parse_store(&store_json(&[])).scenarios, vec![]);
}

#[test]
fn edited_baseline_figures_travel_in_the_saved_query_and_old_entries_still_load() {
    use licheng_sim::model::baseline::Stock;
    use licheng_sim::scenario::baseline_edits::BaselineEdits;
    use licheng_sim::scenario::link::{decode, encode, LinkState};
    let state = LinkState {
        baseline: BaselineEdits::default().with(Stock::JuniorCapacity, Some(12000.0)),
        ..LinkState::default()
    };
    let saved = scenario("Fewer junior places", &encode(&state));
    assert_eq!(saved.query, "v=1&b.jcap=12000&lang=zh");
    let load = parse_store(&store_json(std::slice::from_ref(&saved)));
    assert_eq!(load.scenarios, vec![saved]);
    assert_eq!(decode(&load.scenarios[0].query).state, state);
    // An entry saved before baseline figures could be edited: the official figures.
    let old = parse_store(
        r#"{"format":"licheng-scenarios/1","scenarios":[{"name":"Old","created":"2025-06-01T09:30","query":"v=1&mig=2500&lang=en","note":""}]}"#,
    );
    assert!(old.set_aside.is_empty() && old.notices.is_empty());
    let d = decode(&old.scenarios[0].query);
    assert!(d.notices.is_empty());
    assert_eq!(d.state.baseline, BaselineEdits::default());
}

#[test]
fn store_keeps_good_entries_and_sets_aside_corrupted_ones_raw() {
    let text = r#"{"format":"licheng-scenarios/1","scenarios":[
        {"name":"A","created":"2025-06-01","query":"v=1&mig=3200","note":"first"},
        {"name":"B","query":42},
        "just a string",
        {"name":"   ","query":"v=1"},
        {"query":"v=1&tfr=1"},
        {"name":"C","query":"v=1&tfr=1.1","future_field":[1,2,3]},
        null
    ]}"#;
    let load = parse_store(text);
    assert_eq!(names(&load.scenarios), ["A", "C"]);
    assert_eq!(load.scenarios[0].note, "first");
    assert_eq!(load.scenarios[1].created, "");
    let locations: Vec<&str> = load
        .set_aside
        .iter()
        .map(|(_, e)| e.location.as_str())
        .collect();
    assert_eq!(
        locations,
        [
            "scenarios[1]",
            "scenarios[2]",
            "scenarios[3]",
            "scenarios[4]",
            "scenarios[6]"
        ]
    );
    // Kept raw: each set-aside text is the entry's JSON, readable again.
    let raw: Vec<serde_json::Value> = load
        .set_aside
        .iter()
        .map(|(raw, _)| serde_json::from_str(raw).unwrap())
        .collect();
    assert_eq!(raw[0], serde_json::json!({"name":"B","query":42}));
    assert_eq!(raw[1], serde_json::json!("just a string"));
    assert!(load.set_aside[2].1.message_en.contains("name is empty"));
    for (_, e) in &load.set_aside {
        assert!(!e.message_zh.is_empty() && !e.message_en.is_empty());
    }
}

#[test]
fn text_that_is_not_json_is_set_aside_whole() {
    let text = "{\"format\":\"licheng-scenarios/1\",\"scenarios\":[{\"name\":\"A\"";
    let load = parse_store(text);
    assert!(load.scenarios.is_empty());
    assert_eq!(load.set_aside.len(), 1);
    assert_eq!(load.set_aside[0].0, text);
    assert!(load.set_aside[0].1.message_en.contains("not JSON"));
    assert_eq!(load.set_aside[0].1.location, "line 1");
    assert!(load.set_aside[0].1.message("zh").starts_with("第 1 行："));
}

#[test]
fn json_without_a_scenario_list_is_set_aside_whole() {
    for text in [
        "[1,2]",
        "42",
        "{\"format\":\"licheng-scenarios/1\"}",
        "{\"scenarios\":{}}",
    ] {
        let load = parse_store(text);
        assert!(load.scenarios.is_empty(), "{text}");
        assert_eq!(load.set_aside.len(), 1, "{text}");
        assert_eq!(load.set_aside[0].0, text);
    }
}

#[test]
fn empty_store_text_is_an_empty_store() {
    for text in ["", "  \n", "\u{feff}"] {
        assert_eq!(parse_store(text), Default::default());
    }
}

#[test]
fn missing_or_other_format_tag_is_read_with_a_notice() {
    let load = parse_store(r#"{"scenarios":[{"name":"A","query":"v=1"}]}"#);
    assert_eq!(names(&load.scenarios), ["A"]);
    assert_eq!(load.notices.len(), 1);
    assert_eq!(load.notices[0].location, "format");
    let load =
        parse_store(r#"{"format":"licheng-scenarios/2","scenarios":[{"name":"A","query":"v=1"}]}"#);
    assert_eq!(names(&load.scenarios), ["A"]);
    assert!(load.notices[0].message_en.contains("licheng-scenarios/2"));
}

#[test]
fn duplicate_names_inside_one_store_are_renamed_on_load() {
    let load = parse_store(
        r#"{"format":"licheng-scenarios/1","scenarios":[
        {"name":"A","query":"v=1"},{"name":"A","query":"v=1&mig=0"},{"name":" A ","query":"v=1&mig=5"}]}"#,
    );
    assert_eq!(names(&load.scenarios), ["A", "A (2)", "A (3)"]);
    assert_eq!(load.scenarios[2].query, "v=1&mig=5");
    assert_eq!(load.notices.len(), 2);
}

#[test]
fn merge_renames_duplicates_and_keeps_both() {
    let mut mine = vec![scenario("Plan", "v=1"), scenario("Plan (2)", "v=1&mig=0")];
    let renames = merge(
        &mut mine,
        vec![
            scenario("Plan", "v=1&mig=1"),
            scenario("Plan", "v=1&mig=2"),
            scenario("Plan (2)", "v=1&mig=3"),
            scenario("Other", "v=1&mig=4"),
        ],
    );
    assert_eq!(
        names(&mine),
        ["Plan", "Plan (2)", "Plan (3)", "Plan (4)", "Plan (5)", "Other"]
    );
    assert_eq!(
        renames,
        [
            ("Plan".to_string(), "Plan (3)".to_string()),
            ("Plan".to_string(), "Plan (4)".to_string()),
            ("Plan (2)".to_string(), "Plan (5)".to_string()),
        ]
    );
    assert_eq!(mine[4].query, "v=1&mig=3");
}

#[test]
fn import_of_one_exported_scenario_merges_by_name() {
    let mut mine = vec![scenario("高迁入", "v=1&mig=2500")];
    let file = export_one(&scenario("高迁入", "v=1&mig=3000"));
    let report = import(&mut mine, &file);
    assert_eq!(report.added, 1);
    assert_eq!(
        report.renamed,
        [("高迁入".to_string(), "高迁入 (2)".to_string())]
    );
    assert!(report.set_aside.is_empty());
    assert_eq!(names(&mine), ["高迁入", "高迁入 (2)"]);
    assert_eq!(mine[1].query, "v=1&mig=3000");
}

#[test]
fn import_of_a_partly_corrupted_file_adds_the_good_entries() {
    let mut mine = vec![];
    let report = import(
        &mut mine,
        r#"{"format":"licheng-scenarios/1","scenarios":[{"name":"A","query":"v=1"},{"name":7}]}"#,
    );
    assert_eq!(report.added, 1);
    assert_eq!(report.set_aside.len(), 1);
    assert_eq!(report.set_aside[0].0, r#"{"name":7}"#);
    assert_eq!(names(&mine), ["A"]);
}

#[test]
fn overlong_names_are_cut() {
    let long = "名".repeat(500);
    let load = parse_store(&store_json(&[scenario(&long, "v=1")]));
    assert_eq!(load.scenarios[0].name.chars().count(), 200);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_store_of_valid_scenarios_round_trips(
        entries in proptest::collection::vec(
            ("[^\\s]{1,3}( [^\\s]{1,3})?", any::<String>(), any::<String>(), any::<String>()),
            0..8,
        )
    ) {
        let mut list = Vec::new();
        merge(&mut list, entries.into_iter().map(|(name, created, query, note)| SavedScenario {
            name, created, query, note,
        }).collect());
        let load = parse_store(&store_json(&list));
        prop_assert!(load.set_aside.is_empty());
        prop_assert!(load.notices.is_empty());
        prop_assert_eq!(load.scenarios, list);
    }

    #[test]
    fn parse_store_never_panics_and_loses_nothing(text in any::<String>()) {
        let load = parse_store(&text);
        let blank = text.trim_start_matches('\u{feff}').trim().is_empty();
        if !blank && serde_json::from_str::<serde_json::Value>(text.trim()).is_err() {
            prop_assert!(load.scenarios.is_empty());
            prop_assert_eq!(load.set_aside.len(), 1);
            prop_assert_eq!(&load.set_aside[0].0, &text);
        }
    }
}

#[test]
fn renamed_overlong_duplicates_stay_within_the_limit_and_reload_unchanged() {
    let long = format!("{} x", "名".repeat(198)); // 200 characters
    let mut list = vec![scenario(&long, "v=1")];
    merge(&mut list, vec![scenario(&long, "v=1&mig=0")]);
    assert_eq!(list[1].name.chars().count(), 200);
    assert!(list[1].name.ends_with("名 (2)"), "{}", list[1].name);
    let load = parse_store(&store_json(&list));
    assert_eq!(load.scenarios, list);
    assert!(load.notices.is_empty());
}
