//! The workbench's state and every change to it (a Yew reducer): the levers and their
//! deterministic run, undo/redo history, the pinned comparison scenario, the baseline in use
//! (official, or with an imported population and/or edited figures), the language, the open tab
//! and the Monte Carlo probabilities.
//!
//! Every action is total: bad input becomes a message in the state, never a panic, and a
//! rejected input leaves the scenario exactly as it was.

use super::i18n::Lang;
use crate::model::actuals::Actuals;
use crate::model::baseline::Stock;
use crate::model::cohort::Population;
use crate::model::levers::{LeverId, Levers};
use crate::scenario::actuals::ActualEntry;
use crate::scenario::baseline_edits::BaselineEdits;
use crate::scenario::mc_state::{McAction, McState};
use crate::scenario::presets::Preset;
use crate::scenario::{population_csv, Engine, InputError, Run};
use std::collections::BTreeMap;
use std::rc::Rc;

/// How many undo steps are kept.
const HISTORY_LIMIT: usize = 200;

/// The main area's tabs.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    #[default]
    Dashboard,
    WorkPlan,
    Sources,
    Methods,
}

impl Tab {
    /// Every tab in display order.
    pub const ALL: [Tab; 4] = [Tab::Dashboard, Tab::WorkPlan, Tab::Sources, Tab::Methods];

    /// Stable id fragment (`tab-<slug>`, `panel-<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Dashboard => "dashboard",
            Tab::WorkPlan => "workplan",
            Tab::Sources => "sources",
            Tab::Methods => "methods",
        }
    }
}

/// Scenario A, pinned for comparison, with its run on the current baseline.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub levers: Levers,
    pub run: Rc<Run>,
}

/// An imported population table in use instead of the official one.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedPopulation {
    pub file_name: String,
    pub total: f64,
}

/// What differs from the official baseline: an imported population table, edited figures, or
/// both (never neither: then the workbench holds `None`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CustomBaseline {
    pub population: Option<ImportedPopulation>,
    /// Only figures that differ from the official ones.
    pub figures: BaselineEdits,
}

impl CustomBaseline {
    /// Whether nothing differs from the official baseline.
    pub fn is_official(&self) -> bool {
        self.population.is_none() && self.figures.is_empty()
    }
}

/// Everything the workbench shows.
#[derive(Clone, Debug)]
pub struct Workbench {
    /// The embedded Licheng engine, built once.
    pub official: Rc<Engine>,
    /// The engine in use (`official`, or one on an imported population and/or edited figures).
    pub engine: Rc<Engine>,
    /// What differs from the official baseline; `None` while it is the official one.
    pub custom_baseline: Option<CustomBaseline>,
    pub levers: Levers,
    /// The run of `levers` on `engine`.
    pub run: Rc<Run>,
    /// Why the latest levers could not be run (the previous run is still shown).
    pub run_error: Option<InputError>,
    pub compare: Option<Comparison>,
    pub lang: Lang,
    pub tab: Tab,
    /// Target-attainment probabilities from the Monte Carlo worker, in plan order (fractions
    /// 0–1): those of the summary shown (`McState::shown`). After a change of the scenario or
    /// baseline the ones on screen stay until the new run's first results, for at most
    /// `mc_state::HOLD_MS`, then go.
    pub mc_probabilities: Option<Vec<f64>>,
    /// The Monte Carlo run of the current scenario (settings, run id, progress, summary);
    /// restarted with the scenario (`scenario::mc_state`; the ui's worker hook is mc_hook.rs).
    pub mc: McState,
    /// The last rejected import, shown in `#import-error`.
    pub import_error: Option<InputError>,
    /// Why the last edit of a baseline figure could not be applied (`#baseline-figures-error`).
    pub figure_error: Option<InputError>,
    /// The work plan browser's filters: a unit (its English name, the canonical key) and text.
    pub workplan_unit: Option<String>,
    pub workplan_query: String,
    /// An element to scroll to after the next render, with a counter so that asking twice for
    /// the same element scrolls twice.
    pub scroll_request: Option<(String, u32)>,
    /// The preset the scenario started from (a label for the link; the levers decide).
    pub preset: Option<String>,
    /// The presentation slide shown (1-based); `None` when not presenting (src/ui/present.rs).
    pub slide: Option<u32>,
    /// What the last link could not use (src/ui/url_sync.rs, `#link-notices`).
    pub link_notices: Vec<InputError>,
    /// Whether the assumptions column is open on a narrow screen (a phone shows the answers
    /// first and the assumptions behind a button; wider screens always show them).
    pub assumptions_open: bool,
    /// The scenario's name, and scenario A's while comparing (in the link as `name`, `a.name`).
    pub name: Option<String>,
    pub compare_name: Option<String>,
    /// The current calendar year: reported figures are taken up to it (that year's marked
    /// preliminary, 预计).
    pub as_of: i32,
    /// A source note per reported figure: (row — `population` or a target id — and year).
    pub actual_notes: BTreeMap<(String, i32), String>,
    /// The last reported figure refused (the scenario is unchanged).
    pub actual_error: Option<RefusedActual>,
    /// While figures are reported: the run of the same levers without them (what the model
    /// projects for the reported years).
    pub model_run: Option<Rc<Run>>,
    pub(super) past: Vec<Levers>,
    pub(super) future: Vec<Levers>,
    /// The levers before a slider drag (or typing) began; pushed on commit.
    drag_origin: Option<Levers>,
    /// The first view only: the whole page could not load, so its tabs say so instead of
    /// "loading" (set by www/boot.js through `app::whole_failed`).
    pub whole_failed: bool,
}

/// Everything that can happen to the workbench.
pub enum Action {
    /// A live change while a slider is dragged: applied at once, one undo step per drag.
    PreviewLever(LeverId, f64),
    /// Ends a drag: the change since the drag began becomes one undo step.
    CommitPreview,
    /// A committed change of one lever (its own undo step).
    SetLever(LeverId, f64),
    ResetLever(LeverId),
    ResetAll,
    ApplyPreset(&'static Preset),
    /// Replaces every lever (e.g. from a link), as one undo step.
    ReplaceLevers(Box<Levers>),
    Undo,
    Redo,
    PinA,
    ClearCompare,
    SetLang(Lang),
    SetTab(Tab),
    /// Opens the work plan at a task (`task-<n>`), clearing filters that would hide it.
    ShowTask(u32),
    /// Opens the dashboard at a target row (`target-<id>`).
    ShowTarget(String),
    /// Scrolls to (and focuses) the element with this id after the next render.
    ScrollTo(String),
    SetWorkplanUnit(Option<String>),
    SetWorkplanQuery(String),
    /// A population CSV the analyst chose: file name and text.
    ImportPopulation {
        file_name: String,
        text: String,
    },
    /// The chosen file could not be read.
    ImportReadFailed(InputError),
    /// A baseline figure typed by the analyst (the imported population, if any, stays).
    SetBaselineFigure(Stock, f64),
    /// Back to the official value of one figure.
    ResetBaselineFigure(Stock),
    /// The official baseline again: the official population and every official figure.
    UseOfficialBaseline,
    /// A decoded link (e.g. a saved scenario) and what it could not use (src/ui/url_sync.rs).
    ApplyLink(Box<crate::scenario::link::LinkState>, Vec<InputError>),
    /// Opens the presentation at a slide, moves it, or (`None`) closes it.
    SetSlide(Option<u32>),
    DismissLinkNotices,
    /// The first view only: the whole page could not load (`whole_failed`).
    WholeFailed,
    /// Monte Carlo settings, worker updates, cancel (`scenario::mc_state`, sent by mc_hook.rs).
    Mc(McAction),
    /// A reported figure typed for a row (`population` or a target id) and year; empty text
    /// clears it. Checked: a bad one is kept in `actual_error` and changes nothing.
    SetActual {
        key: String,
        year: i32,
        text: String,
    },
    /// A figure's source note (empty clears it).
    SetActualNote {
        key: String,
        year: i32,
        text: String,
    },
    /// Every reported figure and note cleared.
    ClearActuals,
    /// The scenario's name (empty text: none), or scenario A's.
    SetName(String),
    SetCompareName(String),
    /// Opens or closes the assumptions column on a narrow screen.
    ToggleAssumptions,
}

/// A typed name: trimmed, at most `saved::MAX_NAME_CHARS` characters; `None` when empty.
pub fn clean_name(text: &str) -> Option<String> {
    let name: String = text
        .trim()
        .chars()
        .take(crate::scenario::saved::MAX_NAME_CHARS)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// A typed figure that was refused: its row, year, the text as typed (kept in the field to
/// correct) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedActual {
    pub key: String,
    pub year: i32,
    pub text: String,
    pub error: InputError,
}

/// Reads a typed figure: digits with an optional sign and decimal point; thousands separators
/// (`,` `，` and spaces) are ignored. `None` for anything else.
pub fn parse_figure(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{a0}'))
        .collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

impl Workbench {
    /// The official baseline with every lever at its default, in Chinese, in the browser's
    /// current year.
    #[cfg(target_arch = "wasm32")]
    pub fn new() -> Self {
        Self::as_of(super::clock::current_year())
    }

    /// The official baseline with every lever at its default, in Chinese, in year `as_of` (the
    /// last year whose figures may be reported).
    pub fn as_of(as_of: i32) -> Self {
        let official = Rc::new(Engine::licheng());
        let levers = Levers::default();
        let (run, run_error) = match official.run(&levers) {
            Ok(run) => (run, None),
            Err(e) => (empty_run(), Some(e)),
        };
        Workbench {
            engine: official.clone(),
            official,
            custom_baseline: None,
            levers,
            run: Rc::new(run),
            run_error,
            compare: None,
            lang: Lang::Zh,
            tab: Tab::Dashboard,
            mc_probabilities: None,
            mc: McState::default(),
            import_error: None,
            figure_error: None,
            workplan_unit: None,
            workplan_query: String::new(),
            scroll_request: None,
            preset: None,
            slide: None,
            link_notices: Vec::new(),
            assumptions_open: false,
            name: None,
            compare_name: None,
            as_of,
            actual_notes: BTreeMap::new(),
            actual_error: None,
            model_run: None,
            past: Vec::new(),
            future: Vec::new(),
            drag_origin: None,
            whole_failed: false,
        }
    }

    /// The workbench a link's query describes, in year `as_of` (where a page starts: the link
    /// is not an undo step), showing `notices`, or the link's own when `None`.
    pub fn opened_from(as_of: i32, query: &str, notices: Option<Vec<InputError>>) -> Self {
        let mut workbench = Self::as_of(as_of);
        let decoded = crate::scenario::link::decode(query);
        workbench.apply_link(&decoded.state, notices.unwrap_or(decoded.notices), false);
        workbench
    }

    /// The undo and redo steps, with a drag in progress counted as finished (its change one
    /// undo step, as `CommitPreview` would make it).
    pub(super) fn history(&self) -> (Vec<Levers>, Vec<Levers>) {
        let mut finished = self.clone();
        finished.finish_drag();
        (finished.past, finished.future)
    }

    /// Everything the link says about the workbench as it is now.
    pub fn link_state(&self) -> crate::scenario::link::LinkState {
        crate::scenario::link::LinkState {
            version: crate::scenario::link::LINK_VERSION,
            levers: self.levers.clone(),
            baseline: self.edited_figures(),
            seed: self.mc.settings.seed,
            lang: super::i18n::to_link_lang(self.lang),
            slide: self.slide,
            preset: self.preset.clone(),
            compare: self.compare.as_ref().map(|c| c.levers.clone()),
            name: self.name.clone(),
            compare_name: self.compare.as_ref().and(self.compare_name.clone()),
            actuals: self.engine.actual_entries(),
            actual_notes: self
                .actual_notes
                .iter()
                .map(|((row, year), note)| (row.clone(), *year, note.clone()))
                .collect(),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty() || self.drag_in_progress_changed()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    fn drag_in_progress_changed(&self) -> bool {
        self.drag_origin.as_ref().is_some_and(|o| *o != self.levers)
    }

    /// Runs `levers` and makes them current (no history change). On a run error the levers
    /// are not applied and the error is kept for display.
    pub(crate) fn apply(&mut self, levers: Levers) -> bool {
        match self.engine.run(&levers) {
            Ok(run) => {
                if levers != self.levers {
                    self.mc.restart();
                    self.mc_probabilities = self.mc.probabilities();
                }
                self.levers = levers;
                self.run = Rc::new(run);
                self.run_error = None;
                self.refresh_model_run();
                true
            }
            Err(e) => {
                self.run_error = Some(e);
                false
            }
        }
    }

    /// Finishes a drag in progress: its change becomes one undo step.
    fn finish_drag(&mut self) {
        if let Some(origin) = self.drag_origin.take() {
            if origin != self.levers {
                self.push_past(origin);
            }
        }
    }

    fn push_past(&mut self, levers: Levers) {
        self.past.push(levers);
        if self.past.len() > HISTORY_LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Makes `levers` current as one undo step (nothing happens if they equal the current).
    pub(crate) fn commit(&mut self, levers: Levers) {
        self.finish_drag();
        if levers == self.levers {
            return;
        }
        let before = self.levers.clone();
        if self.apply(levers) {
            self.push_past(before);
        }
    }

    /// Re-runs the current and the pinned levers on a new engine.
    fn switch_engine(&mut self, engine: Rc<Engine>) -> Result<(), InputError> {
        let run = engine.run(&self.levers)?;
        let compare = match &self.compare {
            Some(c) => Some(Comparison {
                levers: c.levers.clone(),
                run: Rc::new(engine.run(&c.levers)?),
            }),
            None => None,
        };
        self.engine = engine;
        self.run = Rc::new(run);
        self.run_error = None;
        self.compare = compare;
        self.mc.restart();
        self.mc_probabilities = self.mc.probabilities();
        self.refresh_model_run();
        Ok(())
    }

    /// The reported figures in use.
    pub fn actuals(&self) -> &Actuals {
        self.engine.baseline().actuals()
    }

    /// Recomputes `model_run`: the levers' run without the reported figures, while any are.
    fn refresh_model_run(&mut self) {
        self.model_run = if self.actuals().is_empty() {
            None
        } else {
            self.engine
                .with_actuals(Actuals::new())
                .and_then(|e| e.run(&self.levers))
                .ok()
                .map(Rc::new)
        };
    }

    /// Re-runs everything on these reported figures. On failure nothing changes.
    pub(crate) fn set_actuals(&mut self, actuals: Actuals) -> Result<(), InputError> {
        if &actuals == self.actuals() {
            return Ok(());
        }
        let engine = if actuals.is_empty() && self.custom_baseline.is_none() {
            self.official.clone()
        } else {
            Rc::new(self.engine.with_actuals(actuals)?)
        };
        self.switch_engine(engine)
    }

    /// Applies one typed figure (see `Action::SetActual`).
    fn set_actual(&mut self, key: String, year: i32, text: &str) {
        let mut actuals = self.actuals().clone();
        let result = if text.trim().is_empty() {
            self.engine
                .reported_of(&key)
                .map(|what| actuals.clear(what, year))
        } else {
            match parse_figure(text) {
                Some(value) => {
                    let entry = ActualEntry {
                        key: key.clone(),
                        year,
                        value,
                    };
                    self.engine.check_actual(&mut actuals, &entry, self.as_of)
                }
                None => Err(InputError::new(
                    format!("{key}:{year}"),
                    format!("“{}”不是数字", text.trim()),
                    format!("'{}' is not a number", text.trim()),
                )),
            }
        };
        self.actual_error = match result.and_then(|()| self.set_actuals(actuals)) {
            Ok(()) => None,
            Err(error) => Some(RefusedActual {
                key,
                year,
                text: text.to_string(),
                error,
            }),
        };
    }

    /// Applies linked figures: each checked on its own; the refused ones become notices.
    pub(crate) fn apply_actual_entries(
        &mut self,
        entries: &[ActualEntry],
        notices: &mut Vec<InputError>,
    ) {
        let mut actuals = Actuals::new();
        for entry in entries {
            if let Err(e) = self.engine.check_actual(&mut actuals, entry, self.as_of) {
                notices.push(InputError::new(
                    e.location.clone(),
                    format!("{}，已忽略", e.message_zh),
                    format!("{}; ignored", e.message_en),
                ));
            }
        }
        if let Err(e) = self.set_actuals(actuals) {
            notices.push(e);
        }
    }

    /// The figures edited from the official ones (empty on the official baseline).
    pub fn edited_figures(&self) -> BaselineEdits {
        self.custom_baseline
            .as_ref()
            .map_or_else(BaselineEdits::default, |c| c.figures)
    }

    /// The imported population in use, with its table (taken from the engine in use).
    fn current_import(&self) -> Option<(ImportedPopulation, Population)> {
        let import = self.custom_baseline.as_ref()?.population.clone()?;
        Some((import, self.engine.baseline().population().clone()))
    }

    /// Rebuilds the engine on the official baseline with `population` (what to show of it, and
    /// the table) and `figures`, and re-runs everything on it. On failure nothing changes.
    pub(crate) fn set_baseline(
        &mut self,
        population: Option<(ImportedPopulation, Population)>,
        figures: BaselineEdits,
    ) -> Result<(), InputError> {
        let figures = figures.differing_from(self.official.baseline());
        let (shown, table) = match population {
            Some((shown, table)) => (Some(shown), Some(table)),
            None => (None, None),
        };
        let actuals = self.actuals().clone();
        let engine = if table.is_none() && figures.is_empty() && actuals.is_empty() {
            self.official.clone()
        } else {
            Rc::new(
                self.official
                    .customised(table, &figures)?
                    .with_actuals(actuals)?,
            )
        };
        self.switch_engine(engine)?;
        let custom = CustomBaseline {
            population: shown,
            figures,
        };
        self.custom_baseline = (!custom.is_official()).then_some(custom);
        Ok(())
    }

    /// Applies edited figures, keeping the imported population; nothing happens when they are
    /// the figures in use. A failure is kept for `#baseline-figures-error`.
    pub(crate) fn set_figures(&mut self, figures: BaselineEdits) -> Result<(), InputError> {
        if figures.differing_from(self.official.baseline()) == self.edited_figures() {
            self.figure_error = None;
            return Ok(());
        }
        let result = self.set_baseline(self.current_import(), figures);
        self.figure_error = result.as_ref().err().cloned();
        result
    }

    fn import_population(&mut self, file_name: String, text: &str) {
        let figures = self.edited_figures();
        let attempt = population_csv::parse(text).and_then(|population| {
            let total = population.total();
            self.set_baseline(
                Some((ImportedPopulation { file_name, total }, population)),
                figures,
            )
        });
        self.import_error = attempt.err();
    }
}

#[cfg(target_arch = "wasm32")]
impl Default for Workbench {
    fn default() -> Self {
        Self::new()
    }
}

/// A run with no years, shown only if even the default levers cannot be computed.
fn empty_run() -> Run {
    Run {
        projection: crate::model::projection::Projection {
            years: Vec::new(),
            populations: Vec::new(),
        },
        outcomes: Vec::new(),
        progress: Vec::new(),
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for Workbench {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        self.reduced(action)
    }
}

impl Workbench {
    /// The state after `action` (the same `Rc` when the action changes nothing, so the page
    /// does not re-render): the reducer, pure logic, tested natively.
    pub fn reduced(self: Rc<Self>, action: Action) -> Rc<Self> {
        // An action that changes nothing returns the same state, so the page does not re-render
        // (the seed field's Enter and its change event both apply the seed, for example).
        if let Action::Mc(mc) = &action {
            if self.mc.unchanged_by(mc) {
                return self;
            }
        }
        let mut s = (*self).clone();
        match action {
            Action::PreviewLever(id, value) => {
                let mut levers = s.levers.clone();
                if levers.set(id, value).is_ok() && levers != s.levers {
                    if s.drag_origin.is_none() {
                        s.drag_origin = Some(s.levers.clone());
                    }
                    s.apply(levers);
                }
            }
            Action::CommitPreview => s.finish_drag(),
            Action::SetLever(id, value) => {
                let mut levers = s.levers.clone();
                if levers.set(id, value).is_ok() {
                    s.commit(levers);
                }
            }
            Action::ResetLever(id) => {
                let mut levers = s.levers.clone();
                if levers.set(id, id.spec().default).is_ok() {
                    s.commit(levers);
                }
            }
            Action::ResetAll => {
                s.commit(Levers::default());
                s.preset = None;
            }
            Action::ApplyPreset(preset) => {
                s.preset = Some(preset.id.to_string());
                if let Ok(levers) = Levers::with_overrides(preset.overrides) {
                    s.commit(levers);
                }
            }
            Action::ReplaceLevers(levers) => s.commit(*levers),
            Action::Undo => {
                s.finish_drag();
                if let Some(previous) = s.past.pop() {
                    let current = s.levers.clone();
                    if s.apply(previous.clone()) {
                        s.future.push(current);
                    } else {
                        s.past.push(previous);
                    }
                }
            }
            Action::Redo => {
                s.finish_drag();
                if let Some(next) = s.future.pop() {
                    let current = s.levers.clone();
                    if s.apply(next.clone()) {
                        s.past.push(current);
                    } else {
                        s.future.push(next);
                    }
                }
            }
            Action::PinA => {
                s.finish_drag();
                s.compare_name = s.name.clone();
                s.compare = Some(Comparison {
                    levers: s.levers.clone(),
                    run: s.run.clone(),
                });
            }
            Action::ClearCompare => {
                s.compare = None;
                s.compare_name = None;
            }
            Action::SetName(text) => s.name = clean_name(&text),
            Action::ToggleAssumptions => s.assumptions_open = !s.assumptions_open,
            Action::SetCompareName(text) => s.compare_name = clean_name(&text),
            Action::SetLang(lang) => s.lang = lang,
            Action::SetTab(tab) => s.tab = tab,
            Action::ShowTask(number) => {
                s.tab = Tab::WorkPlan;
                s.workplan_unit = None;
                s.workplan_query.clear();
                s.scroll_request = Some((format!("task-{number}"), next_nonce(&s.scroll_request)));
            }
            Action::ShowTarget(id) => {
                s.tab = Tab::Dashboard;
                s.scroll_request = Some((format!("target-{id}"), next_nonce(&s.scroll_request)));
            }
            Action::ScrollTo(element_id) => {
                s.scroll_request = Some((element_id, next_nonce(&s.scroll_request)));
            }
            Action::SetWorkplanUnit(unit) => s.workplan_unit = unit,
            Action::SetWorkplanQuery(query) => s.workplan_query = query,
            Action::ImportPopulation { file_name, text } => s.import_population(file_name, &text),
            Action::ImportReadFailed(e) => s.import_error = Some(e),
            Action::SetBaselineFigure(stock, value) => {
                let figures = s.edited_figures().with(stock, Some(value));
                let _ = s.set_figures(figures);
            }
            Action::ResetBaselineFigure(stock) => {
                let figures = s.edited_figures().with(stock, None);
                let _ = s.set_figures(figures);
            }
            Action::UseOfficialBaseline => match s.set_baseline(None, BaselineEdits::default()) {
                Ok(()) => {
                    s.import_error = None;
                    s.figure_error = None;
                }
                Err(e) => s.run_error = Some(e),
            },
            Action::ApplyLink(link, notices) => s.apply_link(&link, notices, true),
            Action::SetSlide(slide) => s.slide = slide,
            Action::DismissLinkNotices => s.link_notices.clear(),
            Action::WholeFailed => s.whole_failed = true,
            Action::Mc(action) => {
                s.mc.reduce(action);
                s.mc_probabilities = s.mc.probabilities();
            }
            Action::SetActual { key, year, text } => s.set_actual(key, year, &text),
            Action::SetActualNote { key, year, text } => {
                let text: String = text.trim().chars().take(200).collect();
                if text.is_empty() {
                    s.actual_notes.remove(&(key, year));
                } else {
                    s.actual_notes.insert((key, year), text);
                }
            }
            Action::ClearActuals => {
                s.actual_notes.clear();
                s.actual_error = None;
                if let Err(e) = s.set_actuals(Actuals::new()) {
                    s.run_error = Some(e);
                }
            }
        }
        Rc::new(s)
    }
}

fn next_nonce(previous: &Option<(String, u32)>) -> u32 {
    previous.as_ref().map_or(0, |(_, n)| n.wrapping_add(1))
}

impl Workbench {
    /// Applies a decoded link: the baseline figures (the imported population, if any, stays),
    /// the reported figures (each checked against the current year; refused ones become
    /// notices) and their notes,
    /// the levers (as one undo step when `undoable`; a link the engine cannot run leaves them as
    /// they were, with the error shown), scenario A, the language, the preset label, the slide
    /// and the seed. `notices` replace those on display.
    pub fn apply_link(
        &mut self,
        link: &crate::scenario::link::LinkState,
        notices: Vec<InputError>,
        undoable: bool,
    ) {
        let mut notices = notices;
        if let Err(e) = self.set_figures(link.baseline) {
            notices.push(e);
        }
        self.apply_actual_entries(&link.actuals, &mut notices);
        self.actual_notes = link
            .actual_notes
            .iter()
            .map(|(row, year, note)| ((row.clone(), *year), note.clone()))
            .collect();
        self.actual_error = None;
        if undoable {
            self.commit(link.levers.clone());
        } else {
            self.apply(link.levers.clone());
        }
        self.compare = match &link.compare {
            Some(a) => match self.engine.run(a) {
                Ok(run) => Some(Comparison {
                    levers: a.clone(),
                    run: Rc::new(run),
                }),
                Err(e) => {
                    notices.push(e);
                    None
                }
            },
            None => None,
        };
        self.lang = super::i18n::from_link_lang(link.lang);
        self.name = link.name.clone();
        self.compare_name = self.compare.as_ref().and(link.compare_name.clone());
        self.preset = link
            .preset
            .as_deref()
            .and_then(Preset::by_id)
            .map(|p| p.id.to_string());
        self.slide = link.slide;
        if link.seed != self.mc.settings.seed {
            self.mc.reduce(McAction::SetSeed(link.seed));
            self.mc_probabilities = self.mc.probabilities();
        }
        self.link_notices = notices;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::link;

    fn start() -> Rc<Workbench> {
        Rc::new(Workbench::as_of(2026))
    }

    fn population_2028(s: &Workbench) -> f64 {
        s.run.projection.years.last().unwrap().population
    }

    #[test]
    fn a_lever_change_reruns_the_model_and_undo_and_redo_restore_it() {
        let before = start();
        let changed = before
            .clone()
            .reduced(Action::SetLever(LeverId::NetMigration, 3000.0));
        assert_eq!(changed.levers.get(LeverId::NetMigration), 3000.0);
        assert!(population_2028(&changed) > population_2028(&before));
        assert!(changed.can_undo() && !changed.can_redo());
        let undone = changed.clone().reduced(Action::Undo);
        assert_eq!(undone.levers, before.levers);
        assert_eq!(population_2028(&undone), population_2028(&before));
        let redone = undone.reduced(Action::Redo);
        assert_eq!(redone.levers, changed.levers);
    }

    #[test]
    fn an_action_that_changes_nothing_returns_the_same_state() {
        let s = start();
        let settings = s.mc.settings;
        for unchanged in [
            McAction::SetSeed(settings.seed),
            McAction::SetDraws(settings.draws),
            McAction::SetDraws(3), // not offered
            McAction::SetSpread(settings.spread),
        ] {
            let same = s.clone().reduced(Action::Mc(unchanged));
            assert!(
                Rc::ptr_eq(&s, &same),
                "the page would re-render for nothing"
            );
        }
        // A real change starts a new run.
        let changed = s
            .clone()
            .reduced(Action::Mc(McAction::SetSeed(settings.seed + 1)));
        assert!(!Rc::ptr_eq(&changed, &s));
        assert_eq!(changed.mc.settings.seed, settings.seed + 1);
        assert_eq!(changed.mc.run_id, s.mc.run_id.wrapping_add(1));
        let rerun = s.clone().reduced(Action::Mc(McAction::Rerun));
        assert!(!Rc::ptr_eq(&rerun, &s));
    }

    #[test]
    fn a_bad_lever_value_is_refused_and_the_scenario_kept() {
        let s = start();
        for bad in [f64::NAN, f64::INFINITY, -1e12] {
            let after = s
                .clone()
                .reduced(Action::SetLever(LeverId::NetMigration, bad));
            assert_eq!(after.levers, s.levers, "{bad}");
        }
    }

    #[test]
    fn a_link_applies_its_levers_and_what_it_cannot_apply_becomes_a_notice() {
        let decoded = link::decode("?v=1&mig=3000&lang=en&x.jobs_new_urban.2027=5000");
        let mut s = Workbench::as_of(2026);
        s.apply_link(&decoded.state, decoded.notices, false);
        assert_eq!(s.levers.get(LeverId::NetMigration), 3000.0);
        assert_eq!(s.lang, Lang::En);
        // 2027 is after the current year (2026): not a reported figure yet.
        assert!(s.actuals().is_empty());
        assert_eq!(s.link_notices.len(), 1, "{:?}", s.link_notices);
    }
}
