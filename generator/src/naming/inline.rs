//! Names of inline types: the shortest context that tells them apart, not the
//! whole path to them. A property `address` of `Customer` is `Address` when
//! nothing else wants that name, `CustomerAddress` when something does.

use std::collections::{BTreeMap, BTreeSet};

use super::case::{pascal, split_words};

/// Where an inline type is defined: the parts of its context, outermost
/// first (`["Customer", "Address"]` for `Customer.address`,
/// `["CreatePet", "Body"]` for an operation's body), and its schema's `title`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlinePlace {
    pub segments: Vec<String>,
    pub title: Option<String>,
}

/// Words that say what a type is for, not what it is: a name needs another.
const GENERIC: &[&str] =
    &["body", "data", "error", "header", "item", "items", "list", "option", "request", "response", "result", "value"];

/// Whether a context part names nothing on its own (`Body`, `ResponseItem`, `Option2`).
fn is_generic(segment: &str) -> bool {
    split_words(segment).iter().all(|word| {
        let lower = word.to_ascii_lowercase();
        let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit());
        stem.is_empty() || GENERIC.contains(&stem)
    })
}

/// The name a type gets at `level`: the title at level 0, else the last
/// `level` parts of its context, widened until one of them is telling.
fn candidate(place: &InlinePlace, level: usize) -> Option<String> {
    if level == 0 {
        return place.title.as_deref().map(pascal).filter(|title| acceptable(title));
    }
    let segments = &place.segments;
    // A name never starts with a generic part (`BodyCustomer`): its owner comes with it.
    let mut start = segments.len().saturating_sub(level);
    while start > 0 && is_generic(&segments[start]) {
        start -= 1;
    }
    let name = pascal(&segments[start..].concat());
    acceptable(&name).then_some(name)
}

/// A type name must start with a letter and not be a keyword (`Self_`).
fn acceptable(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && !name.ends_with('_')
}

/// The name each inline type wants, in the order of `places`: its title when
/// no other type wants it, else the shortest end of its context that no other
/// type wants and `taken` (component and reserved names) does not hold. Types
/// that want the same name all widen their context, so the result does not
/// depend on the order of `places`; names still shared when contexts are
/// exhausted are left to `Scope`, which numbers them.
pub fn inline_type_names(places: &[InlinePlace], taken: &BTreeSet<String>) -> Vec<String> {
    let first_level = |place: &InlinePlace| usize::from(candidate(place, 0).is_none());
    let mut levels: Vec<usize> = places.iter().map(first_level).collect();
    let whole = |place: &InlinePlace| pascal(&place.segments.concat());
    loop {
        let wanted: Vec<String> = places
            .iter()
            .zip(&levels)
            .map(|(place, &level)| candidate(place, level).unwrap_or_else(|| whole(place)))
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &wanted {
            *counts.entry(name).or_default() += 1;
        }
        let mut widened = false;
        for (index, name) in wanted.iter().enumerate() {
            let clash = counts[name.as_str()] > 1 || taken.contains(name);
            if clash && levels[index] < places[index].segments.len() {
                levels[index] += 1;
                widened = true;
            }
        }
        if !widened {
            return wanted;
        }
    }
}

/// Names longer than `limit` characters shortened as little as needed: to
/// the longest run of words they end with that fits and that no other name is
/// or wants (two words at least, else the shortest). Stripe's
/// `customer_balance_resource_cash_balance_transaction_resource_funded_transaction_resource_bank_transfer_resource_eu_bank_transfer`
/// becomes `BankTransferResourceEuBankTransfer`. Other names are kept; the
/// result does not depend on the order of `names`.
pub fn shorten_long_names(names: &[String], limit: usize) -> Vec<String> {
    let long: Vec<usize> = (0..names.len()).filter(|&index| names[index].len() > limit).collect();
    let taken: BTreeSet<&str> = names.iter().filter(|name| name.len() <= limit).map(String::as_str).collect();
    let words: Vec<Vec<String>> = long.iter().map(|&index| split_words(&names[index])).collect();
    let suffix = |words: &[String], count: usize| words[words.len() - count..].concat();
    let fits = |words: &[String]| (2..=words.len()).rev().find(|&count| suffix(words, count).len() <= limit);
    let mut counts: Vec<usize> = words.iter().map(|words| fits(words).unwrap_or(words.len().min(2))).collect();
    loop {
        let wanted: Vec<String> = words.iter().zip(&counts).map(|(words, &count)| suffix(words, count)).collect();
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &wanted {
            *uses.entry(name).or_default() += 1;
        }
        let mut changed = false;
        for (index, name) in wanted.iter().enumerate() {
            if (uses[name.as_str()] > 1 || taken.contains(name.as_str())) && counts[index] > 2 {
                counts[index] -= 1;
                changed = true;
            }
        }
        if !changed {
            let mut shortened = names.to_vec();
            for (index, name) in long.iter().zip(wanted) {
                shortened[*index] = name;
            }
            return shortened;
        }
    }
}

/// The longest run of whole words every context ends with, as a type name;
/// `None` when there is none, or only generic words (a type used in several
/// places is named after what they have in common: `…BadRequest` everywhere
/// → `BadRequest`).
pub fn common_suffix(names: &[String]) -> Option<String> {
    let words: Vec<Vec<String>> = names.iter().map(|name| split_words(&pascal(name))).collect();
    let shortest = words.iter().map(Vec::len).min()?;
    let mut length = 0;
    while length < shortest {
        let word = &words[0][words[0].len() - 1 - length];
        if words.iter().all(|name| name[name.len() - 1 - length].eq_ignore_ascii_case(word)) {
            length += 1;
        } else {
            break;
        }
    }
    let common = words[0][words[0].len() - length..].concat();
    (length > 0 && !is_generic(&common)).then_some(common)
}

/// `name` without a plural word right before its singular, as names made
/// from paths have (`PostCustomersCustomerSourcesId` → `PostCustomerSourcesId`).
pub fn collapse_repeats(name: &str) -> String {
    let words = split_words(name);
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    for (index, word) in words.iter().enumerate() {
        let next = words.get(index + 1);
        let repeated = next.is_some_and(|next| singular(word).is_some_and(|one| one.eq_ignore_ascii_case(next)));
        if !repeated {
            kept.push(word);
        }
    }
    kept.concat()
}

/// The singular of a plural English noun ending a name (`Lines` → `Line`,
/// `Addresses` → `Address`, `Categories` → `Category`); `None` when the last
/// word does not read as a plural.
pub fn singular(name: &str) -> Option<String> {
    let words = split_words(name);
    let last = words.last()?;
    let lower = last.to_ascii_lowercase();
    let stem = if let Some(stem) = lower.strip_suffix("ies").filter(|stem| stem.len() > 1) {
        format!("{stem}y")
    } else if ["sses", "shes", "ches", "xes", "zzes"].iter().any(|ending| lower.ends_with(ending)) {
        lower[..lower.len() - 2].to_owned()
    } else if lower.ends_with('s') && !["ss", "us", "is", "os", "as"].iter().any(|ending| lower.ends_with(ending)) {
        lower[..lower.len() - 1].to_owned()
    } else {
        return None;
    };
    if stem.len() < 2 {
        return None;
    }
    let mut singular_word = last[..1].to_owned();
    singular_word.push_str(&stem[1..]);
    let head = &name[..name.len() - last.len()];
    Some(format!("{head}{singular_word}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(segments: &[&str]) -> InlinePlace {
        InlinePlace { segments: segments.iter().map(|segment| (*segment).to_owned()).collect(), title: None }
    }

    fn names(places: &[InlinePlace], taken: &[&str]) -> Vec<String> {
        inline_type_names(places, &taken.iter().map(|name| (*name).to_owned()).collect())
    }

    #[test]
    fn the_shortest_unique_context_names_a_type() {
        let places = [
            place(&["Customer", "Address"]),
            place(&["Customer", "Shipping"]),
            place(&["Order", "Shipping"]),
            place(&["Order", "Shipping", "Address"]),
            place(&["CreatePet", "Body"]),
            place(&["ListPets", "ResponseItem"]),
        ];
        assert_eq!(
            names(&places, &["Pet"]),
            [
                "CustomerAddress",
                "CustomerShipping",
                "OrderShipping",
                "ShippingAddress",
                "CreatePetBody",
                "ListPetsResponseItem"
            ]
        );
        assert_eq!(names(&places[..1], &[]), ["Address"]);
        assert_eq!(names(&places[..1], &["Address"]), ["CustomerAddress"], "component names are the vocabulary");
    }

    #[test]
    fn a_unique_title_wins_and_order_does_not_matter() {
        let mut titled = place(&["Customer", "Settings"]);
        titled.title = Some("invoice_settings".into());
        let other = place(&["Account", "Settings"]);
        assert_eq!(names(&[titled.clone(), other.clone()], &[]), ["InvoiceSettings", "Settings"]);
        assert_eq!(names(&[other, titled], &[]), ["Settings", "InvoiceSettings"]);
    }

    #[test]
    fn exhausted_contexts_are_left_to_the_scope() {
        assert_eq!(names(&[place(&["Pet", "Tag"]), place(&["Pet", "Tag"])], &[]), ["PetTag", "PetTag"]);
        assert_eq!(names(&[place(&["Self"])], &[]), ["Self_"]);
    }

    #[test]
    fn shared_names_are_the_words_every_place_ends_with() {
        let hints = |hints: &[&str]| hints.iter().map(|hint| (*hint).to_owned()).collect::<Vec<_>>();
        assert_eq!(common_suffix(&hints(&["AecmwBadRequest", "BcmwBadRequest"])), Some("BadRequest".into()));
        assert_eq!(common_suffix(&hints(&["ListPetResponse", "GetPetResponse"])), Some("PetResponse".into()));
        assert_eq!(common_suffix(&hints(&["ListPetsResponse", "GetPetResponse"])), None, "`Response` says nothing");
        assert_eq!(common_suffix(&hints(&["ListAResponseItem", "ListBResponseItem"])), None);
        assert_eq!(common_suffix(&hints(&["Alpha", "Beta"])), None);
        assert_eq!(common_suffix(&hints(&["Thing", "OtherThing"])), Some("Thing".into()));
    }

    #[test]
    fn long_names_keep_the_words_that_tell_them_apart() {
        let names: Vec<String> = [
            "CustomerBalanceResourceCashBalanceTransactionResourceFundedTransactionResourceBankTransferResourceEuBankTransfer",
            "CustomerBalanceResourceCashBalanceTransactionResourceFundedTransactionResourceBankTransfer",
            "PaymentIntentPaymentMethodOptionsAcssDebit",
            "SetupIntentPaymentMethodOptionsAcssDebit",
            "BankTransfer",
            "Short",
        ]
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
        assert_eq!(
            shorten_long_names(&names, 40),
            [
                "BankTransferResourceEuBankTransfer",
                "FundedTransactionResourceBankTransfer",
                "IntentPaymentMethodOptionsAcssDebit",
                "SetupIntentPaymentMethodOptionsAcssDebit",
                "BankTransfer",
                "Short"
            ]
        );
    }

    #[test]
    fn path_repeats_collapse() {
        assert_eq!(
            collapse_repeats("PostCustomersCustomerSubscriptionsSubscriptionExposedId"),
            "PostCustomerSubscriptionExposedId"
        );
        assert_eq!(collapse_repeats("GetCustomers"), "GetCustomers");
        assert_eq!(collapse_repeats("ListItems"), "ListItems");
    }

    #[test]
    fn plurals_become_singular() {
        assert_eq!(singular("Lines").as_deref(), Some("Line"));
        assert_eq!(singular("ShippingAddresses").as_deref(), Some("ShippingAddress"));
        assert_eq!(singular("Categories").as_deref(), Some("Category"));
        assert_eq!(singular("Boxes").as_deref(), Some("Box"));
        assert_eq!(singular("Status"), None);
        assert_eq!(singular("Address"), None);
        assert_eq!(singular("Data"), None);
        assert_eq!(singular("S"), None);
    }
}
