//! Items of one plain shape as the formatter prints them: an operation's
//! builder struct, its setters and the method starting it, and a type's
//! constructor. They are a fifth of a large API's operation code and most
//! of the rest of its `impl` blocks, so they are written directly and
//! deferred (see `deferred`) where no line could be broken. `None`
//! elsewhere: the caller emits tokens, which the tests print both ways for
//! every fixture.

use proc_macro2::{Ident, TokenStream};

use super::deferred::MARGIN;
use super::ty::token_text;

/// The indentation of a builder's methods: a file's `impl` block holds them.
pub(super) const METHOD_INDENT: usize = 4;

/// The builder struct holding `fields` (name and type) besides the client.
pub(super) fn struct_text(builder: &Ident, fields: &[(Ident, TokenStream)]) -> Option<String> {
    let mut out = format!(
        "#[derive(Debug, Clone)]\n#[must_use = \"an operation does nothing until it is awaited\"]\npub struct {builder}<'a> {{\n    client: &'a Client,\n"
    );
    for (name, ty) in fields {
        out.push_str(&format!("    {name}: {},\n", token_text(ty.clone())?));
    }
    out.push_str("}\n");
    let fits = super::text::lines(&out).all(|line| line.len() <= MARGIN);
    fits.then_some(out)
}

/// `pub fn name(mut self, argument: ty) -> Self { self.name = Some(value); self }`.
pub(super) fn setter_text(name: &Ident, argument: &Ident, ty: &TokenStream, value: &TokenStream) -> Option<String> {
    let out = format!(
        "pub fn {name}(mut self, {argument}: {}) -> Self {{\n    self.{name} = Some({});\n    self\n}}\n",
        token_text(ty.clone())?,
        token_text(value.clone())?
    );
    let fits = super::text::lines(&out).all(|line| METHOD_INDENT + line.len() <= MARGIN);
    fits.then_some(out)
}

/// `text`'s lines, each indented by a level (but for empty ones): a method
/// in an `impl` block.
pub(super) fn indented(text: &str, out: &mut String) {
    super::text::write_indented("    ", text, out);
}

/// A variant of [`enum_text`]: its doc lines as printed (indented, with
/// `///`), and the variant (`Name` or `Name(Type)`).
pub(super) struct VariantText {
    pub docs: String,
    pub variant: String,
}

/// `#[derive(derives)] pub enum name { variants }` as the formatter prints
/// it; `None` when a variant's line is long enough to be broken.
pub(super) fn enum_text(derives: &str, name: &str, variants: &[VariantText]) -> Option<String> {
    let mut out = format!("#[derive({derives})]\npub enum {name} {{\n");
    for VariantText { docs, variant } in variants {
        if METHOD_INDENT + variant.len() + 1 > MARGIN {
            return None;
        }
        out.push_str(docs);
        out.push_str("    ");
        out.push_str(variant);
        out.push_str(",\n");
    }
    out.push_str("}\n");
    Some(out)
}

/// A struct literal's fields as text: `name: value`, or `name` where the
/// value is the variable of that name; `None` when a value is not plain.
pub(super) fn inits_text(inits: &[(Ident, Option<TokenStream>)]) -> Option<Vec<String>> {
    inits
        .iter()
        .map(|(name, value)| match value {
            Some(value) => Some(format!("{name}: {}", token_text(value.clone())?)),
            None => Some(name.to_string()),
        })
        .collect()
}

/// The same fields as tokens.
pub(super) fn inits_tokens(inits: &[(Ident, Option<TokenStream>)]) -> Vec<TokenStream> {
    inits
        .iter()
        .map(|(name, value)| match value {
            Some(value) => quote::quote!(#name: #value),
            None => quote::quote!(#name),
        })
        .collect()
}

/// The widest struct literal the formatter keeps on one line.
const LITERAL_WIDTH: usize = 34;

/// A method `signature(params…) -> returns` whose body is the struct
/// literal `literal { inits… }` (an operation's starter, a constructor), as
/// the formatter prints it: a long signature with a parameter per line, a
/// literal wider than `LITERAL_WIDTH` with a field per line.
pub(super) fn literal_fn_text(
    signature: &str,
    params: &[String],
    returns: &str,
    literal: &str,
    inits: &[String],
) -> Option<String> {
    let one_line = format!("{signature}({}) -> {returns} {{", params.join(", "));
    let mut lines = Vec::new();
    if METHOD_INDENT + one_line.len() <= MARGIN {
        lines.push(one_line);
    } else {
        lines.push(format!("{signature}("));
        for param in params {
            lines.push(format!("    {param},"));
        }
        lines.push(format!(") -> {returns} {{"));
    }
    let one_line = format!("{literal} {{ {} }}", inits.join(", "));
    // The width counts up to the closing brace.
    if one_line.len() - 1 <= LITERAL_WIDTH && METHOD_INDENT + 4 + one_line.len() <= MARGIN {
        lines.push(format!("    {one_line}"));
    } else {
        lines.push(format!("    {literal} {{"));
        for init in inits {
            lines.push(format!("        {init},"));
        }
        lines.push("    }".to_owned());
    }
    lines.push("}".to_owned());
    let fits = lines.iter().all(|line| METHOD_INDENT + line.len() <= MARGIN);
    fits.then(|| lines.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How the formatter prints `method` in an `impl` block, without the block's indentation.
    fn printed(method: &str) -> String {
        let file = syn::parse_file(&format!("impl<'a> Api<'a> {{ {method} }}")).expect("the method parses");
        let printed = prettyplease::unparse(&file);
        let lines: Vec<&str> = printed.lines().collect();
        lines[1..lines.len() - 1]
            .iter()
            .map(|line| format!("{}\n", line.strip_prefix("    ").unwrap_or(line)))
            .collect()
    }

    #[test]
    fn starters_print_as_the_formatter_prints_them() {
        let (mut written, mut broken, mut literals) = (0, 0, 0);
        for length in 1..80 {
            let name = "n".repeat(length);
            for count in 0..3 {
                let params: Vec<String> = ["&self".to_owned()]
                    .into_iter()
                    .chain((0..count).map(|index| format!("{name}{index}: impl Into<String>")))
                    .collect();
                let inits: Vec<String> = ["client: self.client".to_owned()]
                    .into_iter()
                    .chain((0..count).map(|index| format!("{name}{index}: {name}{index}.into()")))
                    .collect();
                let builder = "B".repeat(length % 30 + 1);
                let returns = format!("{builder}<'a>");
                let Some(text) = literal_fn_text("pub fn start", &params, &returns, &builder, &inits) else { continue };
                assert_eq!(text, printed(&text), "{count} parameters named with {length} characters");
                written += 1;
                broken += usize::from(text.starts_with("pub fn start(\n"));
                literals += usize::from(text.contains("B { ") && !text.contains("B {\n"));
            }
        }
        assert!(written > 120 && broken > 30 && literals > 5, "{written} {broken} {literals}");
    }

    #[test]
    fn setters_print_as_the_formatter_prints_them() {
        let mut written = 0;
        for length in 1..80 {
            let name = quote::format_ident!("{}", "n".repeat(length));
            let value = quote::format_ident!("value");
            let Some(text) =
                setter_text(&name, &value, &quote::quote!(impl Into<String>), &quote::quote!(value.into()))
            else {
                continue;
            };
            assert_eq!(text, printed(&text), "a name of {length} characters");
            written += 1;
        }
        assert!(written > 30, "{written}");
    }
}
