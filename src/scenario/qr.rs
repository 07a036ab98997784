//! QR codes of scenario links: a thin wrapper over the `qrcodegen` crate (pure Rust, MIT) that
//! returns the module matrix the page draws. Byte mode, error-correction level M, the smallest
//! version that fits, the mask chosen by the standard penalty score.

use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

/// A QR code: `modules[y][x]` is `true` for a dark module. No quiet zone is included: draw a
/// light border of at least 4 modules around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// The symbol version (1–40); the side is `4 × version + 17` modules.
    pub version: u8,
    /// The mask pattern used (0–7).
    pub mask: u8,
    /// Rows of modules, top to bottom; each row left to right.
    pub modules: Vec<Vec<bool>>,
}

impl QrMatrix {
    /// The number of modules on a side.
    pub fn size(&self) -> usize {
        self.modules.len()
    }
}

/// Encodes `text` (its UTF-8 bytes, in byte mode) at error-correction level M. `None` when it is
/// too long for any version (about 2,300 bytes; a scenario link is a few hundred).
pub fn encode(text: &str) -> Option<QrMatrix> {
    encode_with_mask(text, None)
}

/// As [`encode`], with a fixed mask pattern (0–7; a larger number is taken modulo 8) instead of
/// the one with the lowest penalty. For tests against other encoders.
pub fn encode_with_mask(text: &str, mask: Option<u8>) -> Option<QrMatrix> {
    let segments = [QrSegment::make_bytes(text.as_bytes())];
    let code = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        mask.map(|m| Mask::new(m % 8)),
        false,
    )
    .ok()?;
    let size = code.size();
    let modules = (0..size)
        .map(|y| (0..size).map(|x| code.get_module(x, y)).collect())
        .collect();
    Some(QrMatrix {
        version: code.version().value(),
        mask: code.mask().value(),
        modules,
    })
}

/// The matrix as an SVG path (`M x y h1v1h-1z` per dark module) in module units, with a quiet
/// zone of `border` modules: put it in `<svg viewBox="0 0 S S">` with S = size + 2 × border.
pub fn svg_path(matrix: &QrMatrix, border: usize) -> String {
    let mut path = String::new();
    for (y, row) in matrix.modules.iter().enumerate() {
        for (x, &dark) in row.iter().enumerate() {
            if dark {
                if !path.is_empty() {
                    path.push(' ');
                }
                path.push_str(&format!("M{} {}h1v1h-1z", x + border, y + border));
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_link_fits_a_small_version_with_finder_patterns() {
        let m = encode("https://example.org/?v=1&mig=3200&lang=zh").unwrap();
        assert_eq!(m.size(), 4 * m.version as usize + 17);
        assert!(m.version <= 4);
        // The top-left finder pattern: a dark 7×7 ring around a light ring and a dark 3×3 core.
        for i in 0..7 {
            assert!(m.modules[0][i] && m.modules[6][i] && m.modules[i][0] && m.modules[i][6]);
        }
        assert!(!m.modules[1][1] && m.modules[3][3]);
        assert!(encode(&"x".repeat(5000)).is_none());
        assert!(svg_path(&m, 4).starts_with("M4 4h1v1h-1z"));
    }
}
