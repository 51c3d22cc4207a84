//! Text for the diagram writers: how wide a string is drawn (the advance widths of DejaVu Sans,
//! the font the SVG asks for first and the PNG embeds), cutting it to a width, and making user
//! text safe for XML.
//!
//! The widths are estimates for any other font: labels are cut a little early rather than late,
//! so a viewer with a narrower fallback font shows some spare room, never clipped text.

/// Advance widths of U+0020..=U+007E in DejaVu Sans (Book), in thousandths of an em.
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
    295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
    500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
    392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// The same for DejaVu Sans Bold.
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
    372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
    500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
    478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// The ellipsis that marks cut text.
pub const ELLIPSIS: char = '…';

/// Width of one character in ems.
fn char_em(c: char, bold: bool) -> f32 {
    let table = if bold { &BOLD } else { &REGULAR };
    match c as u32 {
        0x20..=0x7E => f32::from(table[c as usize - 0x20]) / 1000.0,
        // Combining marks and zero-width characters take no room.
        0x0300..=0x036F | 0x200B..=0x200D | 0xFE00..=0xFE0F => 0.0,
        0x2026 => 1.0,
        // East Asian wide and full-width characters, and emoji: one em.
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD => 1.0,
        // Everything else (accented Latin, Greek, Cyrillic, symbols): a little above the
        // average of DejaVu's Latin-1 and Latin Extended-A letters (0.61 / 0.68 bold).
        _ => {
            if bold {
                0.72
            } else {
                0.66
            }
        }
    }
}

/// How wide `s` is drawn at font size `size` (canvas units).
pub fn width(s: &str, size: f32, bold: bool) -> f32 {
    s.chars().map(|c| char_em(c, bold)).sum::<f32>() * size
}

/// `s` cut to at most `max` wide, ending in an ellipsis when anything was cut.
pub fn fit(s: &str, size: f32, bold: bool, max: f32) -> String {
    if width(s, size, bold) <= max {
        return s.to_string();
    }
    let room = max - char_em(ELLIPSIS, bold) * size;
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        let w = char_em(c, bold) * size;
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// User text made fit for one line of a drawing: tabs and line breaks become spaces; every other
/// C0 and C1 control, bidirectional control and XML non-character (U+FFFE, U+FFFF) is dropped,
/// since XML 1.0 cannot carry most of them and the rest could change how the text reads; runs
/// of spaces collapse and the ends are trimmed.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\t' | '\n' | '\r' => ' ',
            // The unsafe characters of the one rule (crate::text), dropped: XML cannot carry them.
            c if crate::text::is_unsafe(c) || c == '\u{FFFE}' || c == '\u{FFFF}' => continue,
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Text escaped for XML character data and for single- or double-quoted attribute values. The
/// text must already be [`clean`]; line breaks (which writers put in on purpose) become
/// character references so that attribute-value normalisation keeps them.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        assert!((width("i", 10.0, false) - 2.78).abs() < 1e-4);
        assert!(width("W", 10.0, true) > width("W", 10.0, false));
        assert!((width("日本", 12.0, false) - 24.0).abs() < 1e-4);
    }

    #[test]
    fn fitting_cuts_with_an_ellipsis() {
        assert_eq!(fit("short", 12.0, false, 200.0), "short");
        let cut = fit("a rather long component label here", 12.0, false, 80.0);
        assert!(cut.ends_with(ELLIPSIS), "{cut}");
        assert!(width(&cut, 12.0, false) <= 80.0, "{cut}");
    }

    #[test]
    fn cleaning_and_escaping() {
        assert_eq!(clean(" a\u{0}b\n\tc\u{202E}d\u{7}  e \u{9F}"), "ab cd e");
        assert_eq!(xml("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
        assert_eq!(xml("one\ntwo"), "one&#10;two");
    }
}
