//! Lines of generated text, found with `memchr`: the emitter and the
//! printer (`format`) walk every line of every file several times (putting deferred text back, separating
//! items), and `str::lines` looked for each line's end by itself, which took
//! a few percent of the time generating a large API's crate.

/// The lines of `text`, as [`str::lines`] gives them: split at `\n`, a
/// `\r` before it dropped, no empty line after a final `\n`.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    split_inclusive(text).map(|line| match line.strip_suffix('\n') {
        Some(line) => line.strip_suffix('\r').unwrap_or(line),
        None => line,
    })
}

/// The lines of `text` with their `\n`, as `str::split_inclusive('\n')` gives them.
pub fn split_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = match ends.next() {
            Some(at) => at + 1,
            None if start < text.len() => text.len(),
            None => return None,
        };
        // `\n` is a whole character: `end` is on a boundary.
        let line = text.get(start..end)?;
        start = end;
        Some(line)
    })
}

/// `text`'s lines appended to `out`, each after `indent` (empty lines stay empty).
pub fn write_indented(indent: &str, text: &str, out: &mut String) {
    for line in lines(text) {
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// `line` without the spaces it starts with, as `str::trim_start` gives
/// it for indentation (any other leading whitespace is trimmed too).
pub fn trim_indent(line: &str) -> &str {
    let rest = line.trim_start_matches(' ');
    match rest.as_bytes().first() {
        Some(byte) if byte.is_ascii() && !byte.is_ascii_whitespace() => rest,
        None => rest,
        Some(_) => rest.trim_start(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_the_standard_library() {
        let texts = [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "a\r\n\r",
            "\r\n",
            "\r",
            "é\nü\r\n🦀",
            "  x\n\n  y  \n",
            "a\n\rb\r\r\n",
        ];
        for text in texts {
            assert_eq!(lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
            assert_eq!(
                split_inclusive(text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn indentation_is_trimmed_as_trim_start_trims_it() {
        for line in ["", "   ", "  x", "x", "\t x", "  \tx", " \u{a0}x", "    /// a  ", " é"] {
            assert_eq!(trim_indent(line), line.trim_start(), "{line:?}");
        }
    }
}
