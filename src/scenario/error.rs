//! Input errors of the scenario layer: where the problem is and what it is, in both languages.

use crate::model::ModelError;
use std::fmt;

/// A rejected input (a file, a link, a CSV row, a number), located as precisely as possible.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InputError {
    /// Where: a field path (`mortality.nlx_female[3]`), a `line L, column C`, or a link key.
    pub location: String,
    /// Where, in Chinese, when that differs (`第 8 行 female 列`); else `location` serves both.
    pub location_zh: Option<String>,
    /// What is wrong, in Chinese.
    pub message_zh: String,
    /// What is wrong, in English.
    pub message_en: String,
}

impl InputError {
    /// An error at `location` with a message in both languages.
    pub fn new(location: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        InputError {
            location: location.into(),
            location_zh: None,
            message_zh: zh.into(),
            message_en: en.into(),
        }
    }

    /// An error at a place named differently in each language (a line and column of a file).
    pub fn located(
        location_zh: impl Into<String>,
        location_en: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        InputError {
            location_zh: Some(location_zh.into()),
            ..InputError::new(location_en, zh, en)
        }
    }

    /// The same error at another location (the same place in both languages).
    pub fn at(mut self, location: &str) -> Self {
        self.location = location.to_string();
        self.location_zh = None;
        self
    }

    /// The full message in the given language (`"zh"` or anything else for English).
    pub fn message(&self, lang: &str) -> String {
        if lang == "zh" {
            let location = self.location_zh.as_deref().unwrap_or(&self.location);
            format!("{location}：{}", self.message_zh)
        } else {
            format!("{}: {}", self.location, self.message_en)
        }
    }
}

impl From<ModelError> for InputError {
    fn from(e: ModelError) -> Self {
        InputError::new(e.field().to_string(), e.message_zh(), e.message_en())
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("en"))
    }
}

impl std::error::Error for InputError {}
