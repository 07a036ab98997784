//! Native command-line tool: runs the same model as the page, for batch work and for tests.
//!
//! Every failure prints one clear message (in English, or Chinese with `--lang zh`) and exits
//! with status 2 for bad input, 1 for anything else; nothing panics on user input.

use clap::{CommandFactory, Parser, Subcommand};
use licheng_sim::model::decision::Seek;
use licheng_sim::model::levers::{LeverId, Levers, Provenance, LEVERS};
use licheng_sim::model::montecarlo::Settings;
use licheng_sim::scenario::actuals;
use licheng_sim::scenario::baseline_edits::{self, BaselineEdits};
use licheng_sim::scenario::ccm_run;
use licheng_sim::scenario::custom_baseline::CustomBaseline;
use licheng_sim::scenario::hindcast;
use licheng_sim::scenario::mc_messages::McSummary;
use licheng_sim::scenario::report;
use licheng_sim::scenario::status;
use licheng_sim::scenario::uncertainty;
use licheng_sim::scenario::InputError;
use licheng_sim::scenario::{population_csv, Engine};
use std::process::ExitCode;

/// The command line as clap reads it (per-command help, typo suggestions); `Cli::into_args`
/// turns it into the `--key value` list the commands read.
#[derive(Parser)]
#[command(
    name = "licheng",
    about = "licheng — Licheng District new-urbanisation scenario simulator (command line)",
    disable_version_flag = true,
    after_help = "Every failure prints one message naming the field and why (Chinese with --lang zh) and exits with status 2 for bad input."
)]
struct Cli {
    /// Language of messages: zh or en
    #[arg(long, global = true, value_name = "zh|en")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// What a scenario is made of (project, mc, tornado, goalseek); each option repeatable where it
/// makes sense.
#[derive(clap::Args)]
struct Scenario {
    /// A lever (licheng levers lists the keys)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Your base-year population table (CSV age,male,female)
    #[arg(long, value_name = "FILE.csv")]
    population: Option<String>,
    /// A baseline figure instead of the embedded one, as the page's baseline editor does:
    /// primary_capacity, junior_capacity (public places 2024), places_first_year (new places
    /// 2025), insurance_pct (2024, %)
    #[arg(long = "baseline", value_name = "NAME=VALUE")]
    baseline: Vec<String>,
    /// A reported figure (实际完成) for a target and plan year, or population:YEAR=VALUE for the
    /// year-end resident population; the projection takes it in place of its own value
    #[arg(long = "actual", value_name = "ID:YEAR=VALUE")]
    actual: Vec<String>,
    /// The current year for reported figures (default: this calendar year)
    #[arg(long = "as-of", value_name = "YEAR")]
    as_of: Option<String>,
    /// Output: table (default), json or csv
    #[arg(long, value_name = "table|json|csv")]
    format: Option<String>,
}

/// The Monte Carlo's settings.
#[derive(clap::Args)]
struct Draws {
    /// Number of draws (default 10000, up to 1000000)
    #[arg(long, value_name = "N")]
    draws: Option<String>,
    /// Seed of the draws (same seed, same numbers as the page)
    #[arg(long, value_name = "S")]
    seed: Option<String>,
}

/// The uncertainty's spread.
#[derive(clap::Args)]
struct Spread {
    /// Uncertainty spread (multiples of each lever's 10th–90th percentile distance)
    #[arg(long, value_name = "X")]
    spread: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Projects 2025–2028 on the embedded Licheng baseline and prints each year and the work
    /// plan's target table
    Project {
        #[command(flatten)]
        scenario: Scenario,
    },
    /// Lists every lever: key, default, valid range, unit and source
    Levers {
        /// Output: table (default) or json
        #[arg(long, value_name = "table|json")]
        format: Option<String>,
    },
    /// Monte Carlo: percentiles per year and the probability and status of each target
    Mc {
        #[command(flatten)]
        scenario: Scenario,
        #[command(flatten)]
        draws: Draws,
        #[command(flatten)]
        spread: Spread,
    },
    /// Which levers decide a target: each lever low and high, the others as set
    Tornado {
        /// The target's id
        #[arg(long, value_name = "ID")]
        target: Option<String>,
        #[command(flatten)]
        scenario: Scenario,
        #[command(flatten)]
        spread: Spread,
    },
    /// The lever value at which the target is met with probability 50 % and 80 %
    Goalseek {
        /// The target's id
        #[arg(long, value_name = "ID")]
        target: Option<String>,
        /// The lever's key
        #[arg(long, value_name = "KEY")]
        lever: Option<String>,
        #[command(flatten)]
        scenario: Scenario,
        #[command(flatten)]
        draws: Draws,
        #[command(flatten)]
        spread: Spread,
    },
    /// The model from the 2020 census against what was published: observed, model, error,
    /// tolerance, and which inputs were calibrated to each observation
    Hindcast {
        /// Output: table (default) or json
        #[arg(long, value_name = "table|json")]
        format: Option<String>,
    },
    /// Prints the base-year population table as the model derives it from the 2020 census
    DeriveBaseline,
    /// Bare cohort-component projection of a custom baseline (docs/cli.md: the format)
    Ccm {
        /// The custom baseline (TOML)
        #[arg(long, value_name = "FILE.toml")]
        baseline: Option<String>,
        /// Steps to project
        #[arg(long, value_name = "N")]
        steps: Option<String>,
        /// Output: table (default), json or csv
        #[arg(long, value_name = "table|json|csv")]
        format: Option<String>,
    },
}

impl Cli {
    /// The command's name and its options as `(name, value)` pairs, repeated ones in order.
    fn into_args(self) -> Args {
        let mut options: Vec<(String, String)> = Vec::new();
        let mut one = |name: &str, value: Option<String>| {
            if let Some(v) = value {
                options.push((name.to_string(), v));
            }
        };
        let command = match &self.command {
            Command::Project { .. } => "project",
            Command::Levers { .. } => "levers",
            Command::Mc { .. } => "mc",
            Command::Tornado { .. } => "tornado",
            Command::Goalseek { .. } => "goalseek",
            Command::Hindcast { .. } => "hindcast",
            Command::DeriveBaseline => "derive-baseline",
            Command::Ccm { .. } => "ccm",
        };
        let scenario_options = |s: Scenario, one: &mut dyn FnMut(&str, Option<String>)| {
            for v in s.set {
                one("set", Some(v));
            }
            one("population", s.population);
            for v in s.baseline {
                one("baseline", Some(v));
            }
            for v in s.actual {
                one("actual", Some(v));
            }
            one("as-of", s.as_of);
            one("format", s.format);
        };
        match self.command {
            Command::Project { scenario } => scenario_options(scenario, &mut one),
            Command::Levers { format } | Command::Hindcast { format } => one("format", format),
            Command::Mc {
                scenario,
                draws,
                spread,
            } => {
                scenario_options(scenario, &mut one);
                one("draws", draws.draws);
                one("seed", draws.seed);
                one("spread", spread.spread);
            }
            Command::Tornado {
                target,
                scenario,
                spread,
            } => {
                one("target", target);
                scenario_options(scenario, &mut one);
                one("spread", spread.spread);
            }
            Command::Goalseek {
                target,
                lever,
                scenario,
                draws,
                spread,
            } => {
                one("target", target);
                one("lever", lever);
                scenario_options(scenario, &mut one);
                one("draws", draws.draws);
                one("seed", draws.seed);
                one("spread", spread.spread);
            }
            Command::DeriveBaseline => {}
            Command::Ccm {
                baseline,
                steps,
                format,
            } => {
                one("baseline", baseline);
                one("steps", steps);
                one("format", format);
            }
        }
        Args {
            command: command.to_string(),
            options,
            lang: self.lang.unwrap_or_else(|| "en".to_string()),
        }
    }
}

/// A clap error as one message in both languages, naming the option at fault.
fn clap_error(e: &clap::Error, command: &str) -> InputError {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let arg = arg.split_whitespace().next().unwrap_or("").to_string();
    match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with("--") => {
            let (zh_hint, en_hint) = match context(ContextKind::SuggestedArg) {
                Some(s) => (format!("，是否想用 {s}？"), format!("; did you mean {s}?")),
                None => (String::new(), String::new()),
            };
            InputError::new(
                arg,
                format!("{command} 命令没有这个选项{zh_hint}（licheng {command} --help 列出全部选项）"),
                format!("'{command}' takes no such option{en_hint} (licheng {command} --help lists them)"),
            )
        }
        ErrorKind::UnknownArgument => InputError::new(
            arg,
            "无法识别的参数（选项须以 -- 开头）",
            "unexpected argument (options start with --)",
        ),
        ErrorKind::InvalidSubcommand => InputError::new(
            context(ContextKind::InvalidSubcommand).unwrap_or_default(),
            "未知的命令（见 --help）",
            "unknown command (see --help)",
        ),
        ErrorKind::InvalidValue | ErrorKind::NoEquals => {
            InputError::new(arg, "缺少选项的值", "this option needs a value")
        }
        _ => {
            let text = e.to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            InputError::new(
                command,
                format!("命令行无法读取：{first}"),
                first.to_string(),
            )
        }
    }
}

/// Parsed command line: the sub-command and its `--key value` options.
struct Args {
    command: String,
    options: Vec<(String, String)>,
    lang: String,
}

impl Args {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.options
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn require(&self, name: &str) -> Result<&str, InputError> {
        self.get(name).ok_or_else(|| {
            InputError::new(
                format!("--{name}"),
                "缺少必需的选项",
                "this option is required",
            )
        })
    }

    fn format(&self) -> Result<Format, InputError> {
        match self.get("format").unwrap_or("table") {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            other => Err(InputError::new(
                "--format",
                format!("未知的输出格式 “{other}”（可用：table、json、csv）"),
                format!("unknown output format '{other}' (use table, json or csv)"),
            )),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
    Csv,
}

fn read_file(path: &str) -> Result<String, InputError> {
    std::fs::read_to_string(path).map_err(|e| {
        InputError::new(
            path,
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        )
    })
}

fn parse_count(field: &str, text: &str, max: usize) -> Result<usize, InputError> {
    match text.parse::<usize>() {
        Ok(v) if v <= max => Ok(v),
        _ => Err(InputError::new(
            field,
            format!("应为 0 至 {max} 的整数，实际为 “{text}”"),
            format!("should be a whole number from 0 to {max}, found '{text}'"),
        )),
    }
}

fn run_ccm(args: &Args) -> Result<String, InputError> {
    let baseline = CustomBaseline::parse(&read_file(args.require("baseline")?)?)?;
    let steps = parse_count("--steps", args.get("steps").unwrap_or("1"), 200)?;
    let rows = ccm_run::run(&baseline, steps);
    Ok(match args.format()? {
        Format::Json => {
            serde_json::to_string_pretty(&rows).expect("plain numbers serialise") + "\n"
        }
        Format::Csv => {
            let mut out = String::from("year,sex,group,population\n");
            for r in &rows {
                for (sex, v) in [("female", &r.female), ("male", &r.male)] {
                    for (g, p) in v.iter().enumerate() {
                        out.push_str(&format!("{},{sex},{g},{p}\n", r.year));
                    }
                }
            }
            out
        }
        Format::Table => {
            let mut out = format!(
                "{:>6} {:>14} {:>12} {:>12} {:>12}\n",
                "year", "total", "births", "deaths", "migrants"
            );
            for r in &rows {
                out.push_str(&format!(
                    "{:>6} {:>14.1} {:>12.1} {:>12.1} {:>12.1}\n",
                    r.year, r.total, r.births, r.deaths, r.migrants
                ));
            }
            out
        }
    })
}

/// The engine of a scenario: the embedded baseline with `--population FILE.csv` and every
/// `--baseline NAME=VALUE` figure (a later one for the same figure wins).
fn scenario_engine(args: &Args) -> Result<Engine, InputError> {
    let population = match args.get("population") {
        Some(path) => Some(population_csv::parse(&read_file(path)?)?),
        None => None,
    };
    let mut edits = BaselineEdits::default();
    for text in args.all("baseline") {
        let (stock, value) = baseline_edits::parse_assignment(text)?;
        edits.set(stock, Some(value));
    }
    let engine = Engine::licheng().customised(population, &edits)?;
    let entries = args
        .all("actual")
        .map(actuals::parse_actual)
        .collect::<Result<Vec<_>, _>>()?;
    if entries.is_empty() {
        return Ok(engine);
    }
    engine.with_entries(&entries, as_of(args)?)
}

/// The current year for reported figures: `--as-of YEAR`, else this calendar year (UTC).
fn as_of(args: &Args) -> Result<i32, InputError> {
    match args.get("as-of") {
        Some(text) => text.trim().parse::<i32>().map_err(|_| {
            InputError::new(
                "--as-of",
                format!("“{text}”不是年份"),
                format!("'{text}' is not a year"),
            )
        }),
        None => {
            let seconds = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            Ok(actuals::year_of_unix_seconds(seconds))
        }
    }
}

fn run_project(args: &Args) -> Result<String, InputError> {
    let levers = scenario_levers(args)?;
    let engine = scenario_engine(args)?;
    let run = engine.run(&levers)?;
    let rows = report::target_rows(&engine, &run);
    Ok(match args.format()? {
        Format::Json => {
            serde_json::to_string_pretty(&report::run_json(&engine, &run, &levers))
                .expect("plain values serialise")
                + "\n"
        }
        Format::Csv => format!(
            "{}\n{}",
            report::projection_csv(&run),
            report::targets_csv(&rows)
        ),
        Format::Table => {
            format!(
                "{}\n{}",
                report::projection_table(&run, &args.lang),
                report::targets_table(&rows, &args.lang)
            )
        }
    })
}

fn scenario_levers(args: &Args) -> Result<Levers, InputError> {
    let mut levers = Levers::default();
    for text in args.all("set") {
        let (id, value) = report::parse_override(text)?;
        levers.set(id, value)?;
    }
    Ok(levers)
}

fn settings(args: &Args) -> Result<Settings, InputError> {
    let seed = match args.get("seed") {
        Some(text) => text.parse::<u64>().map_err(|_| {
            InputError::new(
                "--seed",
                format!("应为非负整数，实际为 “{text}”"),
                format!("should be a non-negative whole number, found '{text}'"),
            )
        })?,
        None => uncertainty::DEFAULT_SEED,
    };
    let spread = match args.get("spread") {
        Some(text) => text.parse::<f64>().map_err(|_| {
            InputError::new(
                "--spread",
                format!("“{text}”不是数字"),
                format!("'{text}' is not a number"),
            )
        })?,
        None => 1.0,
    };
    Ok(Settings::new(seed, spread)?)
}

fn run_mc(args: &Args) -> Result<String, InputError> {
    let levers = scenario_levers(args)?;
    let settings = settings(args)?;
    let draws = parse_count("--draws", args.get("draws").unwrap_or("10000"), 1_000_000)? as u64;
    let engine = scenario_engine(args)?;
    let result = engine.run_monte_carlo(&levers, settings, draws)?;
    let summary = McSummary::from(&result);
    Ok(match args.format()? {
        Format::Json => {
            serde_json::to_string_pretty(&uncertainty::mc_json(&engine, &summary, settings))
                .expect("plain values serialise")
                + "\n"
        }
        Format::Csv => uncertainty::mc_csv(&engine, &summary),
        Format::Table => {
            let zh = args.lang == "zh";
            let mut out = format!(
                "draws {} seed {} spread {}\n{}\n\n{:<36} {:>11} {:<14} {:>12} {:>12} {:>12}\n",
                result.draws,
                settings.seed,
                settings.spread,
                status::thresholds_text(zh),
                "target",
                "probability",
                "status",
                "p10",
                "p50",
                "p90"
            );
            for (k, t) in engine.plan().targets.iter().enumerate() {
                let b = result.target_bands[k].p;
                let level = status::Status::of_target(&engine, k, result.probability[k]);
                let probability = match level {
                    Some(s) if !s.has_probability() => "—".to_string(),
                    _ => format!("{:.1}%", result.probability[k] * 100.0),
                };
                let level =
                    level.map_or(String::new(), |s| format!("{} {}", s.icon(), s.label(zh)));
                out.push_str(&format!(
                    "{:<36} {:>11} {:<14} {:>12} {:>12} {:>12}\n",
                    t.id,
                    probability,
                    level,
                    report::number(b[1]),
                    report::number(b[2]),
                    report::number(b[3])
                ));
            }
            out.push('\n');
            out.push_str(&uncertainty::mc_csv(&engine, &summary));
            out
        }
    })
}

fn run_tornado(args: &Args) -> Result<String, InputError> {
    let levers = scenario_levers(args)?;
    let spread = settings(args)?.spread;
    let engine = scenario_engine(args)?;
    let id = args.require("target")?;
    let tornado = engine.tornado(engine.target_index(id)?, &levers, spread)?;
    Ok(match args.format()? {
        Format::Json => {
            serde_json::to_string_pretty(&uncertainty::tornado_json(id, &tornado))
                .expect("plain values serialise")
                + "\n"
        }
        Format::Csv => {
            let mut out =
                String::from("target,lever,lever_low,lever_high,value_low,value_high,swing\n");
            for b in &tornado.bars {
                out.push_str(&format!(
                    "{id},{},{},{},{},{},{}\n",
                    b.lever.spec().key,
                    b.lever_low,
                    b.lever_high,
                    b.value_low,
                    b.value_high,
                    b.swing
                ));
            }
            out
        }
        Format::Table => {
            let mut out = format!(
                "{id}: central {}\n{:<6} {:>12} {:>12} {:>14} {:>14} {:>12}\n",
                report::number(tornado.central_value),
                "lever",
                "low",
                "high",
                "value(low)",
                "value(high)",
                "swing"
            );
            for b in &tornado.bars {
                out.push_str(&format!(
                    "{:<6} {:>12} {:>12} {:>14} {:>14} {:>12}\n",
                    b.lever.spec().key,
                    report::number(b.lever_low),
                    report::number(b.lever_high),
                    report::number(b.value_low),
                    report::number(b.value_high),
                    report::number(b.swing)
                ));
            }
            out
        }
    })
}

fn run_goalseek(args: &Args) -> Result<String, InputError> {
    let levers = scenario_levers(args)?;
    let settings = settings(args)?;
    let draws = parse_count("--draws", args.get("draws").unwrap_or("2000"), 1_000_000)? as u64;
    let engine = scenario_engine(args)?;
    let id = args.require("target")?;
    let key = args.require("lever")?;
    let lever = LeverId::from_key(key).ok_or_else(|| {
        InputError::new(
            key,
            "未知参数（运行 licheng levers 查看全部）",
            "unknown lever (run 'licheng levers' for the list)",
        )
    })?;
    let levels = [0.5, 0.8];
    let seeks = engine.goal_seek(
        engine.target_index(id)?,
        lever,
        &levers,
        &levels,
        settings,
        draws,
    )?;
    Ok(match args.format()? {
        Format::Json => {
            serde_json::to_string_pretty(&uncertainty::seek_json(id, lever, &levels, &seeks))
                .expect("plain values serialise")
                + "\n"
        }
        Format::Csv => {
            let mut out = String::from("target,lever,probability_level,reachable,lever_value,probability,outside_documented_range,probability_at_min,probability_at_max\n");
            for (q, s) in levels.iter().zip(&seeks) {
                match s {
                    Seek::Reached {
                        value,
                        probability,
                        outside_documented,
                    } => out.push_str(&format!(
                        "{id},{key},{q},true,{value},{probability},{outside_documented},,\n"
                    )),
                    Seek::NotReachable { at_min, at_max } => {
                        out.push_str(&format!("{id},{key},{q},false,,,,{at_min},{at_max}\n"))
                    }
                }
            }
            out
        }
        Format::Table => {
            let mut out = format!("{id} by {key} ({draws} draws, seed {})\n", settings.seed);
            for (q, s) in levels.iter().zip(&seeks) {
                match s {
                    Seek::Reached {
                        value,
                        probability,
                        outside_documented,
                    } => {
                        let spec = lever.spec();
                        let warning = if *outside_documented {
                            format!(
                                " — beyond the documented range {} to {}",
                                report::number(spec.low),
                                report::number(spec.high)
                            )
                        } else {
                            String::new()
                        };
                        out.push_str(&format!(
                            "P >= {:.0}%: {key} = {} (P = {:.1}%){warning}\n",
                            q * 100.0,
                            report::number(*value),
                            probability * 100.0
                        ))
                    }
                    Seek::NotReachable { at_min, at_max } => out.push_str(&format!(
                        "P >= {:.0}%: not reachable within the range of {key}: {}\n",
                        q * 100.0,
                        status::unreachable_reason(*at_min, *at_max, args.lang == "zh")
                    )),
                }
            }
            out
        }
    })
}

fn run_levers(args: &Args) -> Result<String, InputError> {
    let zh = args.lang == "zh";
    let format = args.format()?;
    if format == Format::Csv {
        return Err(InputError::new(
            "--format",
            "levers 命令只输出表格或 JSON（--format table 或 json）",
            "'levers' prints a table or JSON (--format table or json)",
        ));
    }
    Ok(match format {
        Format::Json => {
            let list: Vec<serde_json::Value> = LEVERS
                .iter()
                .map(|l| {
                    serde_json::json!({"key": l.key, "label_zh": l.label_zh, "label_en": l.label_en,
                        "unit_zh": l.unit_zh, "unit_en": l.unit_en, "default": l.default, "min": l.min,
                        "max": l.max, "step": l.step, "low": l.low, "high": l.high,
                        "provenance": format!("{:?}", l.provenance), "note_zh": l.note_zh, "note_en": l.note_en})
                })
                .collect();
            serde_json::to_string_pretty(&list).expect("plain values serialise") + "\n"
        }
        _ => {
            let mut out = String::new();
            for l in &LEVERS {
                let (label, unit, note) = if zh {
                    (l.label_zh, l.unit_zh, l.note_zh)
                } else {
                    (l.label_en, l.unit_en, l.note_en)
                };
                let provenance = match (l.provenance, zh) {
                    (Provenance::Published, true) => "公开数据",
                    (Provenance::Plan, true) => "规划",
                    (Provenance::Estimate, true) => "估算",
                    (Provenance::Published, false) => "Published",
                    (Provenance::Plan, false) => "Plan",
                    (Provenance::Estimate, false) => "Estimate",
                };
                out.push_str(&format!(
                    "{:<6} {:>10} [{} … {}] {unit}  {label}\n       [{provenance}] {note}\n",
                    l.key, l.default, l.min, l.max
                ));
            }
            out
        }
    })
}

fn run_hindcast(args: &Args) -> Result<String, InputError> {
    let zh = args.lang == "zh";
    let format = args.format()?;
    let result = hindcast::hindcast()?;
    Ok(match format {
        Format::Json => {
            serde_json::to_string_pretty(&result).expect("plain values serialise") + "\n"
        }
        Format::Csv => {
            return Err(InputError::new(
                "--format",
                "hindcast 命令只输出表格或 JSON（--format table 或 json）",
                "'hindcast' prints a table or JSON (--format table or json)",
            ))
        }
        Format::Table => {
            let mut out = if zh {
                format!(
                    "模型检验：自 {} 普查起推算，与公布数对照\n",
                    result.census_date
                )
            } else {
                format!(
                    "Hindcast: the model from the census of {}, against what was published\n",
                    result.census_date
                )
            };
            for r in result.rows.iter() {
                let (label, unit, calibrated) = if zh {
                    (&r.label_zh, &r.unit_zh, &r.calibrated_zh)
                } else {
                    (&r.label_en, &r.unit_en, &r.calibrated_en)
                };
                let verdict = match (r.within, zh) {
                    (true, true) => "在容差内",
                    (false, true) => "超出容差",
                    (true, false) => "within",
                    (false, false) => "OUTSIDE",
                };
                let mark = if r.calibrated_to_this {
                    if zh {
                        "  [已按此校准]"
                    } else {
                        "  [calibrated to this]"
                    }
                } else {
                    ""
                };
                out.push_str(&format!(
                    "{label}{mark}\n  observed {:.1} {unit}, model {:.1}, error {:+.1}, tolerance ±{:.1}: {verdict}\n  {calibrated}\n",
                    r.observed, r.model, r.error, r.tolerance
                ));
            }
            out.push_str(if zh {
                "年份  年末人口  出生  死亡  净迁入  总和生育率  出生率‰  死亡率‰\n"
            } else {
                "year  population  births  deaths  net migrants  TFR  birth rate ‰  death rate ‰\n"
            });
            for y in result.years.iter() {
                out.push_str(&format!(
                    "{}  {:.0}  {:.0}  {:.0}  {:.0}  {:.3}  {:.2}  {:.2}\n",
                    y.year,
                    y.population,
                    y.births,
                    y.deaths,
                    y.net_migrants,
                    y.tfr,
                    y.birth_rate_per_mille,
                    y.death_rate_per_mille
                ));
            }
            out
        }
    })
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.is_empty() {
        let _ = Cli::command().print_help();
        return ExitCode::SUCCESS;
    }
    let args = match Cli::try_parse_from(std::iter::once("licheng".to_string()).chain(raw.clone()))
    {
        Ok(cli) => cli.into_args(),
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp
                    | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // The language asked for, even when the line around it could not be read.
            let zh = raw.windows(2).any(|w| w[0] == "--lang" && w[1] == "zh");
            let (prefix, lang) = if zh {
                ("错误", "zh")
            } else {
                ("error", "en")
            };
            let command = raw.first().map_or("licheng", String::as_str);
            eprintln!("{prefix}: {}", clap_error(&e, command).message(lang));
            return ExitCode::from(2);
        }
    };
    let result = match args.command.as_str() {
        "ccm" => run_ccm(&args),
        "project" => run_project(&args),
        "levers" => run_levers(&args),
        "hindcast" => run_hindcast(&args),
        "derive-baseline" => hindcast::base_table_csv(),
        "mc" => run_mc(&args),
        "tornado" => run_tornado(&args),
        "goalseek" => run_goalseek(&args),
        other => Err(InputError::new(
            other,
            "未知的命令（见 --help）",
            "unknown command (see --help)",
        )),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let prefix = if args.lang == "zh" { "错误" } else { "error" };
            eprintln!("{prefix}: {}", e.message(&args.lang));
            ExitCode::from(2)
        }
    }
}
