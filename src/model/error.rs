//! Typed errors of the model: every constructor validates and returns one of these; after
//! validation the arithmetic cannot fail.

use std::fmt;

/// Why a model input was rejected. Each variant names the field and carries the offending value,
/// so a caller can explain it in the user's language (see `message_zh` / `message_en`).
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    /// A number is NaN or infinite.
    NotFinite { field: String },
    /// A number lies outside its valid range.
    OutOfRange {
        field: String,
        value: f64,
        min: f64,
        max: f64,
    },
    /// Two inputs that must have the same length do not.
    LengthMismatch {
        field: String,
        expected: usize,
        found: usize,
    },
    /// Any other structural problem, described in both languages.
    Invalid {
        field: String,
        reason_zh: String,
        reason_en: String,
    },
}

impl ModelError {
    /// The field the error is about (a lever id, a column, an input name).
    pub fn field(&self) -> &str {
        match self {
            ModelError::NotFinite { field }
            | ModelError::OutOfRange { field, .. }
            | ModelError::LengthMismatch { field, .. }
            | ModelError::Invalid { field, .. } => field,
        }
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            ModelError::NotFinite { field } => format!("“{field}”不是有效数字"),
            ModelError::OutOfRange {
                field,
                value,
                min,
                max,
            } => {
                format!("“{field}”的值 {value} 超出有效范围 {min} 至 {max}")
            }
            ModelError::LengthMismatch {
                field,
                expected,
                found,
            } => {
                format!("“{field}”应有 {expected} 个值，实际为 {found} 个")
            }
            ModelError::Invalid {
                field, reason_zh, ..
            } => format!("“{field}”：{reason_zh}"),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            ModelError::NotFinite { field } => format!("'{field}' is not a finite number"),
            ModelError::OutOfRange {
                field,
                value,
                min,
                max,
            } => {
                format!("'{field}' = {value} is outside its valid range {min} to {max}")
            }
            ModelError::LengthMismatch {
                field,
                expected,
                found,
            } => {
                format!("'{field}' should have {expected} values, found {found}")
            }
            ModelError::Invalid {
                field, reason_en, ..
            } => format!("'{field}': {reason_en}"),
        }
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for ModelError {}

/// Checks every element of `values` like [`check_range`]; the field of an error is
/// `name[index]`. Formats nothing unless an element fails (this runs once per Monte Carlo draw).
pub fn check_all(name: &str, values: &[f64], min: f64, max: f64) -> Result<(), ModelError> {
    for (i, &v) in values.iter().enumerate() {
        if !(v.is_finite() && v >= min && v <= max) {
            check_range(&format!("{name}[{i}]"), v, min, max)?;
        }
    }
    Ok(())
}

/// Checks that `value` is finite and within `[min, max]`.
pub fn check_range(field: &str, value: f64, min: f64, max: f64) -> Result<f64, ModelError> {
    if !value.is_finite() {
        return Err(ModelError::NotFinite {
            field: field.to_string(),
        });
    }
    if value < min || value > max {
        return Err(ModelError::OutOfRange {
            field: field.to_string(),
            value,
            min,
            max,
        });
    }
    Ok(value)
}
