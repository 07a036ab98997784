//! Numbers as the analyst types and reads them in the levers' and figures' fields: the exact
//! text of a value (`lever_text`), a grouped reading (`lever_display`), and reading typed text
//! back against a range (`read_number`).

/// A lever value as typed in the number field: the shortest text that reads back exactly.
pub fn lever_text(value: f64) -> String {
    format!("{value}")
}

/// A lever value for reading: every digit kept (`111.3`, not `111`), thousands grouped
/// (`-10,000`).
pub fn lever_display(value: f64) -> String {
    let text = lever_text(value);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return text;
    }
    format!("{sign}{}", super::format::group(digits))
}

/// Why the number field's text cannot be applied.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum InputProblem {
    Empty,
    NotANumber,
    OutOfRange,
}

/// Reads a number field: its text, or `Err` with the problem. `bad_input` is the browser's
/// flag for text it could not read as a number (the value is then empty).
pub fn read_number(text: &str, bad_input: bool, min: f64, max: f64) -> Result<f64, InputProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(if bad_input {
            InputProblem::NotANumber
        } else {
            InputProblem::Empty
        });
    }
    let value: f64 = text.parse().map_err(|_| InputProblem::NotANumber)?;
    if !value.is_finite() {
        return Err(InputProblem::NotANumber);
    }
    if value < min || value > max {
        return Err(InputProblem::OutOfRange);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_reads_back_exactly_and_displays_grouped() {
        for v in [0.77, 111.3, -10_000.0, 2_500.0, 1e-3] {
            assert_eq!(lever_text(v).parse::<f64>().unwrap(), v);
        }
        assert_eq!(lever_display(111.3), "111.3");
        assert_eq!(lever_display(-10_000.0), "-10,000");
        assert_eq!(lever_display(1_234_567.25), "1,234,567.25");
        assert_eq!(lever_display(999.0), "999");
    }

    #[test]
    fn typed_text_is_read_against_the_range_and_every_problem_is_named() {
        assert_eq!(read_number(" 2.5 ", false, 0.0, 5.0), Ok(2.5));
        assert_eq!(read_number("", false, 0.0, 5.0), Err(InputProblem::Empty));
        assert_eq!(
            read_number("", true, 0.0, 5.0),
            Err(InputProblem::NotANumber)
        );
        assert_eq!(
            read_number("abc", false, 0.0, 5.0),
            Err(InputProblem::NotANumber)
        );
        assert_eq!(
            read_number("inf", false, 0.0, 5.0),
            Err(InputProblem::NotANumber)
        );
        assert_eq!(
            read_number("NaN", false, 0.0, 5.0),
            Err(InputProblem::NotANumber)
        );
        assert_eq!(
            read_number("6", false, 0.0, 5.0),
            Err(InputProblem::OutOfRange)
        );
        assert_eq!(
            read_number("-0.1", false, 0.0, 5.0),
            Err(InputProblem::OutOfRange)
        );
    }
}
