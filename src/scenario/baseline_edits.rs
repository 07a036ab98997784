//! Edits of the baseline's single-number figures (public primary and junior places in 2024, the
//! places opening in 2025, insurance participation in 2024): their stable keys for the CLI
//! (`--baseline primary_capacity=30000`), the link (`b.pcap`) and the worker's job, their labels in
//! both languages, the seeds figure each replaces, and validation with a message naming the figure.

use super::error::InputError;
use super::seeds::{self, Figure};
use crate::model::baseline::{Baseline, Stock};
use serde::{Deserialize, Serialize};

/// How one editable figure is named everywhere.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StockSpec {
    pub stock: Stock,
    /// The CLI key, the job's field name and the page's id fragment (`baseline-figure-<key>`).
    pub key: &'static str,
    /// The link key (never reused: see `link.rs`).
    pub link_key: &'static str,
    /// The figure of `seeds/baseline.toml` it replaces (value, unit, status, source).
    pub figure_id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// The step of the page's number field (any value in range is accepted).
    pub step: f64,
}

/// Every editable figure, in `Stock::ALL` order.
pub const STOCKS: [StockSpec; 4] = [
    StockSpec {
        stock: Stock::PrimaryCapacity,
        key: "primary_capacity",
        link_key: "b.pcap",
        figure_id: "primary_capacity_2024",
        label_zh: "公办小学学位（2024年）",
        label_en: "Public primary places, 2024",
        step: 1.0,
    },
    StockSpec {
        stock: Stock::JuniorCapacity,
        key: "junior_capacity",
        link_key: "b.jcap",
        figure_id: "junior_capacity_2024",
        label_zh: "公办初中学位（2024年）",
        label_en: "Public junior-middle places, 2024",
        step: 1.0,
    },
    StockSpec {
        stock: Stock::PlacesFirstYear,
        key: "places_first_year",
        link_key: "b.new25",
        figure_id: "places_planned_2025",
        label_zh: "2025年新增公办学位",
        label_en: "New public places opening in 2025",
        step: 1.0,
    },
    StockSpec {
        stock: Stock::InsurancePct,
        key: "insurance_pct",
        link_key: "b.ins",
        figure_id: "medical_insurance_pct_2024",
        label_zh: "基本医保参保率（2024年）",
        label_en: "Basic medical insurance participation, 2024",
        step: 0.1,
    },
];

impl StockSpec {
    /// The spec of a figure.
    pub fn of(stock: Stock) -> &'static StockSpec {
        STOCKS
            .iter()
            .find(|s| s.stock == stock)
            .expect("STOCKS lists every Stock")
    }

    /// The spec with this CLI key.
    pub fn by_key(key: &str) -> Option<&'static StockSpec> {
        STOCKS.iter().find(|s| s.key == key)
    }

    /// The spec with this link key.
    pub fn by_link_key(key: &str) -> Option<&'static StockSpec> {
        STOCKS.iter().find(|s| s.link_key == key)
    }

    /// The label in `lang` (`"zh"` or anything else for English).
    pub fn label(&self, lang: &str) -> &'static str {
        if lang == "zh" {
            self.label_zh
        } else {
            self.label_en
        }
    }

    /// The valid range (the model's).
    pub fn range(&self) -> (f64, f64) {
        self.stock.range()
    }

    /// The seeds figure this one replaces (unit, status, source), from `figures`.
    pub fn figure<'a>(&self, figures: &'a seeds::BaselineFigures) -> Option<&'a Figure> {
        figures.get(self.figure_id)
    }
}

/// Checks one figure's value; the error is located at the figure's key and names it.
pub fn check(stock: Stock, value: f64) -> Result<f64, InputError> {
    let spec = StockSpec::of(stock);
    let (min, max) = spec.range();
    if !value.is_finite() {
        return Err(InputError::new(
            spec.key,
            format!("{}的值不是有效数字", spec.label_zh),
            format!("{}: the value is not a finite number", spec.label_en),
        ));
    }
    if value < min || value > max {
        return Err(InputError::new(
            spec.key,
            format!("{}的值 {value} 超出有效范围 {min} 至 {max}", spec.label_zh),
            format!(
                "{} = {value} is outside its valid range {min} to {max}",
                spec.label_en
            ),
        ));
    }
    Ok(value)
}

/// Reads `KEY=VALUE` (the CLI's `--baseline primary_capacity=30000`), validated.
pub fn parse_assignment(text: &str) -> Result<(Stock, f64), InputError> {
    let keys = STOCKS.map(|s| s.key).join(", ");
    let Some((key, value)) = text.split_once('=') else {
        return Err(InputError::new(
            text,
            format!("应为 名称=数值（名称：{keys}）"),
            format!("should be NAME=VALUE (names: {keys})"),
        ));
    };
    let key = key.trim();
    let spec = StockSpec::by_key(key).ok_or_else(|| {
        InputError::new(
            key,
            format!("未知的基期数据项（可用：{keys}）"),
            format!("unknown baseline figure (use one of {keys})"),
        )
    })?;
    let value = value.trim();
    let number = value.parse::<f64>().map_err(|_| {
        InputError::new(
            spec.key,
            format!("{}的值“{value}”不是数字", spec.label_zh),
            format!("{}: '{value}' is not a number", spec.label_en),
        )
    })?;
    Ok((spec.stock, check(spec.stock, number)?))
}

/// Edited figures: at most one value per figure; `None` keeps the baseline's own value. Its
/// serde form names the figures by key (`{"primary_capacity":null,"junior_capacity":12000.0,…}`);
/// every field is always written, since the worker's codec (bincode) is not self-describing and
/// cannot skip fields; a field missing from JSON reads as `None`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BaselineEdits {
    pub primary_capacity: Option<f64>,
    pub junior_capacity: Option<f64>,
    pub places_first_year: Option<f64>,
    pub insurance_pct: Option<f64>,
}

impl BaselineEdits {
    fn slot(&mut self, stock: Stock) -> &mut Option<f64> {
        match stock {
            Stock::PrimaryCapacity => &mut self.primary_capacity,
            Stock::JuniorCapacity => &mut self.junior_capacity,
            Stock::PlacesFirstYear => &mut self.places_first_year,
            Stock::InsurancePct => &mut self.insurance_pct,
        }
    }

    /// The edited value of a figure, if any.
    pub fn get(&self, stock: Stock) -> Option<f64> {
        match stock {
            Stock::PrimaryCapacity => self.primary_capacity,
            Stock::JuniorCapacity => self.junior_capacity,
            Stock::PlacesFirstYear => self.places_first_year,
            Stock::InsurancePct => self.insurance_pct,
        }
    }

    /// Edits a figure (`None` takes the edit back).
    pub fn set(&mut self, stock: Stock, value: Option<f64>) {
        *self.slot(stock) = value;
    }

    /// The same edits with one more (or one fewer).
    pub fn with(mut self, stock: Stock, value: Option<f64>) -> Self {
        self.set(stock, value);
        self
    }

    /// Every figure of `baseline`, as edits.
    pub fn of(baseline: &Baseline) -> BaselineEdits {
        let mut out = BaselineEdits::default();
        for stock in Stock::ALL {
            out.set(stock, Some(baseline.stock(stock)));
        }
        out
    }

    /// Whether nothing is edited.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The edited figures, in `Stock::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = (Stock, f64)> + '_ {
        Stock::ALL
            .into_iter()
            .filter_map(|s| self.get(s).map(|v| (s, v)))
    }

    /// Only the edits that change `baseline` (a value equal to the baseline's is no edit; NaN
    /// always counts as a change, so that it is refused rather than ignored).
    pub fn differing_from(&self, baseline: &Baseline) -> BaselineEdits {
        let mut out = BaselineEdits::default();
        for (stock, value) in self.iter() {
            if value.to_bits() != baseline.stock(stock).to_bits() {
                out.set(stock, Some(value));
            }
        }
        out
    }

    /// `baseline` with these figures, validated (the first bad one is named).
    pub fn apply(&self, baseline: &Baseline) -> Result<Baseline, InputError> {
        let mut out = baseline.clone();
        for (stock, value) in self.iter() {
            out = out.with_stock(stock, check(stock, value)?)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Engine;

    #[test]
    fn specs_cover_every_stock_with_unique_keys_and_existing_figures() {
        let figures = seeds::baseline_figures();
        let embedded = Engine::licheng();
        for (spec, stock) in STOCKS.iter().zip(Stock::ALL) {
            assert_eq!(spec.stock, stock);
            assert_eq!(spec.key, stock.field());
            assert!(spec.link_key.starts_with("b."));
            let figure = spec.figure(&figures).expect(spec.figure_id);
            assert_eq!(
                figure.value,
                embedded.baseline().stock(stock),
                "{}",
                spec.key
            );
            assert_eq!(StockSpec::by_key(spec.key), Some(spec));
            assert_eq!(StockSpec::by_link_key(spec.link_key), Some(spec));
        }
    }

    #[test]
    fn assignments_are_parsed_and_bad_ones_name_the_figure() {
        assert_eq!(
            parse_assignment("primary_capacity=30000").unwrap(),
            (Stock::PrimaryCapacity, 30000.0)
        );
        assert_eq!(
            parse_assignment(" insurance_pct = 96.5 ").unwrap(),
            (Stock::InsurancePct, 96.5)
        );
        for (text, location, en) in [
            (
                "junior_capacity=-1",
                "junior_capacity",
                "Public junior-middle places",
            ),
            ("insurance_pct=101", "insurance_pct", "valid range 0 to 100"),
            (
                "places_first_year=abc",
                "places_first_year",
                "'abc' is not a number",
            ),
            (
                "primary_capacity=NaN",
                "primary_capacity",
                "not a finite number",
            ),
            ("nonsense=1", "nonsense", "unknown baseline figure"),
            ("primary_capacity", "primary_capacity", "NAME=VALUE"),
        ] {
            let e = parse_assignment(text).unwrap_err();
            assert_eq!(e.location, location, "{text}");
            assert!(e.message_en.contains(en), "{text}: {e:?}");
            assert!(!e.message_zh.is_empty());
        }
    }

    #[test]
    fn edits_apply_only_what_differs_and_refuse_bad_values() {
        let embedded = Engine::licheng();
        let base = embedded.baseline();
        let edits = BaselineEdits::default()
            .with(Stock::JuniorCapacity, Some(12000.0))
            .with(Stock::PrimaryCapacity, Some(base.primary_capacity()));
        let only = edits.differing_from(base);
        assert_eq!(
            only.iter().collect::<Vec<_>>(),
            vec![(Stock::JuniorCapacity, 12000.0)]
        );
        let applied = edits.apply(base).unwrap();
        assert_eq!(applied.junior_capacity(), 12000.0);
        assert_eq!(applied.primary_capacity(), base.primary_capacity());
        assert_eq!(applied.population(), base.population());
        assert!(BaselineEdits::of(base).differing_from(base).is_empty());
        assert_eq!(BaselineEdits::of(&applied).differing_from(base), only);
        let bad = BaselineEdits::default().with(Stock::InsurancePct, Some(f64::NAN));
        assert!(!bad.differing_from(base).is_empty());
        let e = bad.apply(base).unwrap_err();
        assert_eq!(e.location, "insurance_pct");
    }

    #[test]
    fn edits_serialise_every_field_by_key_and_tolerate_missing_ones() {
        let edits = BaselineEdits::default().with(Stock::JuniorCapacity, Some(12000.0));
        let text = serde_json::to_string(&edits).unwrap();
        assert_eq!(
            text,
            r#"{"primary_capacity":null,"junior_capacity":12000.0,"places_first_year":null,"insurance_pct":null}"#
        );
        assert_eq!(serde_json::from_str::<BaselineEdits>(&text).unwrap(), edits);
        let sparse = r#"{"junior_capacity":12000}"#;
        assert_eq!(
            serde_json::from_str::<BaselineEdits>(sparse).unwrap(),
            edits
        );
        assert_eq!(
            serde_json::from_str::<BaselineEdits>("{}").unwrap(),
            BaselineEdits::default()
        );
    }
}
