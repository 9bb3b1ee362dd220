//! The only place identifiers are made: casing, keywords, and scopes that
//! keep names collision-free. Every Rust name is paired with the wire name it
//! came from by the caller, so serde can always round-trip the original.

use std::collections::{BTreeMap, BTreeSet};

mod case;
mod inline;

use case::split_words;
pub use case::{pascal, snake, unraw};
pub use inline::{collapse_repeats, common_suffix, inline_type_names, shorten_long_names, singular, InlinePlace};

/// Server-side class-name suffixes that say nothing about the operation.
const OPERATION_NOISE: &[&str] = &["endpoint", "controller", "handler"];

/// The method name of an operation in the group named `group` (its tag):
/// `operation_id` without what the group already says.
///
/// - FastAPI's generated suffix `_{path}_{method}` goes (`list_items_items_get` → `list_items`);
/// - a class-name suffix (`…Endpoint`, `…Controller`, `…Handler`) goes, and with
///   it a namespace before the group's name (`ExternalApiExternalHandlersFeaturesCustomer…`);
/// - the group's name as a prefix goes (`actions/get-…` in `actions()` → `get_…`);
/// - a feature folder repeated in the class name collapses
///   (`…Customer` `Get` `GetCustomerEndpoint` → `get`, `Search` `CustomerSearch` → `search`).
///
/// Whatever would be left empty keeps the fuller name.
pub fn operation_method(operation_id: &str, group: Option<&str>, path: &str, method: &str) -> String {
    let id = strip_fastapi_suffix(operation_id, path, method);
    let mut words: Vec<String> = snake(id).trim_start_matches("r#").split('_').map(str::to_owned).collect();
    let group: Vec<String> =
        group.map(|group| snake(group).split('_').map(str::to_owned).collect()).unwrap_or_default();
    let noisy = words.len() > 1 && words.last().is_some_and(|last| OPERATION_NOISE.contains(&last.as_str()));
    if noisy {
        words.pop();
        let namespace = |prefix: &[String]| prefix.iter().any(|word| NAMESPACE_WORDS.contains(&word.as_str()));
        if let Some(start) = find_words(&words, &group).filter(|&start| start > 0 && namespace(&words[..start])) {
            words.drain(..start + group.len());
        }
    }
    // `ApiVersion_ApiVersionInformation` in `ApiVersion` says it twice.
    while !group.is_empty() && words.len() > group.len() && words.starts_with(&group) {
        words.drain(..group.len());
    }
    if noisy {
        words = collapse_repeated_feature(words, &group);
    }
    if words.iter().all(String::is_empty) {
        return snake(operation_id);
    }
    snake(&words.join("_"))
}

/// `id` without FastAPI's generated `{path with non-word characters as _}_{method}` suffix.
fn strip_fastapi_suffix<'a>(id: &'a str, path: &str, method: &str) -> &'a str {
    let slug: String = path.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect();
    let suffix = format!("{slug}_{}", method.to_ascii_lowercase());
    match id.strip_suffix(&suffix) {
        Some(function) if !function.is_empty() && !slug.trim_matches('_').is_empty() => function,
        _ => id,
    }
}

/// Where `needle` starts in `words`, if it occurs.
fn find_words(words: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > words.len() {
        return None;
    }
    (0..=words.len() - needle.len()).find(|&start| words[start..start + needle.len()] == *needle)
}

/// `get get customer` → `get`: a class named after its feature folder repeats
/// the feature, with or without the group's name, after it.
fn collapse_repeated_feature(words: Vec<String>, group: &[String]) -> Vec<String> {
    for split in 1..words.len() {
        let (feature, rest) = words.split_at(split);
        let mut rest = rest.to_vec();
        if let Some(start) = find_words(&rest, group) {
            rest.drain(start..start + group.len());
        }
        if rest == feature {
            return feature.to_vec();
        }
    }
    words
}

/// A set of names in one Rust namespace; claiming a taken name yields a
/// numbered variant (`Name2`, `name_2`), so the result depends only on the
/// order of claims.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|name| (*name).to_owned()).collect() }
    }

    /// The names taken so far, sorted.
    pub fn taken(&self) -> impl Iterator<Item = &str> {
        self.taken.iter().map(String::as_str)
    }

    /// Claims `wanted`, or the first free numbered variant of it.
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = unraw(wanted).trim_end_matches('_');
        // `Name2` for type-like names, `name_2` for snake_case ones.
        let separator = if base.starts_with(|c: char| c.is_ascii_uppercase()) { "" } else { "_" };
        let mut candidate = wanted.to_owned();
        let mut counter = 2;
        while self.taken.contains(unraw(&candidate)) {
            candidate = format!("{base}{separator}{counter}");
            counter += 1;
        }
        self.taken.insert(unraw(&candidate).to_owned());
        candidate
    }
}

/// Words (compared lower-case) that name a namespace folder rather than a
/// type. Version words (`v1`, `v2beta1`) count as namespace words too.
const NAMESPACE_WORDS: &[&str] = &[
    "commands",
    "common",
    "contracts",
    "controllers",
    "domain",
    "dtos",
    "entities",
    "enums",
    "features",
    "handlers",
    "models",
    "objects",
    "queries",
    "requests",
    "responses",
    "schemas",
    "services",
    "shared",
    "types",
];

/// First words that mark an operation's name (`ListObjectsV2Output`), not a namespace.
const VERBS: &[&str] = &[
    "add", "batch", "bulk", "create", "delete", "fetch", "find", "get", "list", "patch", "post", "put", "query",
    "remove", "search", "set", "update", "upsert",
];

/// Words too generic to be a type name on their own.
const GENERIC: &[&str] = &[
    "body", "data", "details", "dto", "entity", "enum", "info", "input", "item", "items", "list", "model", "object",
    "output", "payload", "request", "response", "result", "results", "type", "value", "values",
];

/// Characters of generic type names (`Page<Customer>`, `List`1[[…]]`,
/// `Page«Customer»`): such names are never shortened.
const GENERIC_BRACKETS: &[char] = &['<', '>', '[', ']', '«', '»', '(', ')', '{', '}', ',', '`'];

fn same_word(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn is_namespace_word(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let is_version = lower.strip_prefix('v').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    is_version || NAMESPACE_WORDS.contains(&lower.as_str())
}

/// Whether `units` can be a type name on their own: they start with a
/// letter, are not only namespace words, not one generic word, and not a
/// keyword (`Self`).
fn acceptable(units: &[String]) -> bool {
    let words: Vec<String> = units.iter().flat_map(|unit| split_words(unit)).collect();
    let Some(first) = words.first() else { return false };
    let generic = words.len() == 1 && GENERIC.contains(&first.to_ascii_lowercase().as_str());
    let keyword = pascal(&words.join(" ")).ends_with('_');
    !first.starts_with(|c: char| c.is_ascii_digit())
        && !generic
        && !keyword
        && !words.iter().all(|word| is_namespace_word(word))
}

/// Which rule found where a schema name's own type name starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// A `.`- or `/`-separated path: the last segment.
    Path,
    /// Right after an immediately repeated word (`…CustomerCustomerDto`).
    Repeat,
    /// Right after the last namespace word (`…ModelsValidationError`).
    Namespace,
    /// No namespace pattern: the whole name.
    Whole,
}

/// A schema name read as a namespace path: its units (path segments, or the
/// words of a single identifier), where its own name starts (`cut`), and how
/// much of the namespace is currently prepended to it (`start <= cut`).
#[derive(Debug, Clone)]
struct Split {
    original: String,
    units: Vec<String>,
    rule: Rule,
    cut: usize,
    start: usize,
}

impl Split {
    fn new(name: &str) -> Self {
        let segments: Vec<String> = name
            .split(['.', '/'])
            .filter(|segment| segment.chars().any(|c| c.is_ascii_alphanumeric()))
            .map(str::to_owned)
            .collect();
        let (units, rule, cut) = if name.contains(GENERIC_BRACKETS) {
            (Vec::new(), Rule::Whole, 0)
        } else if segments.len() > 1 {
            let cut = (1..segments.len()).rev().find(|&cut| acceptable(&segments[cut..])).unwrap_or(0);
            (segments, Rule::Path, cut)
        } else if !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            (Vec::new(), Rule::Whole, 0)
        } else {
            let words = split_words(name);
            let found = repeat_cut(&words)
                .map(|cut| (Rule::Repeat, cut))
                .or_else(|| namespace_cut(&words).map(|cut| (Rule::Namespace, cut)));
            let (rule, cut) = found.unwrap_or((Rule::Whole, 0));
            (words, rule, cut)
        };
        let rule = if cut == 0 { Rule::Whole } else { rule };
        Self { original: name.to_owned(), units, rule, cut, start: cut }
    }

    /// The word right after the last namespace word inside the namespace
    /// part of a name split by a repeated word: a folder (`…Responses` +
    /// `Customer` + `CustomerDto`).
    fn folder(&self) -> Option<String> {
        if self.rule != Rule::Repeat {
            return None;
        }
        let last = self.units[..self.cut].iter().rposition(|word| is_namespace_word(word))?;
        let folder = self.units.get(last + 1).filter(|_| last + 1 < self.cut)?;
        Some(folder.to_ascii_lowercase())
    }

    /// Drops one leading word found as a folder elsewhere, keeping at least two words.
    fn skip_folder(&mut self, folders: &BTreeSet<String>) {
        let is_folder = self.units.get(self.cut).is_some_and(|word| folders.contains(&word.to_ascii_lowercase()));
        let rest = &self.units[(self.cut + 1).min(self.units.len())..];
        if self.rule == Rule::Namespace && is_folder && rest.len() >= 2 && acceptable(rest) {
            self.cut += 1;
            self.start = self.cut;
        }
    }

    /// The type name with the namespace from `start` prepended; words
    /// repeated right before the cut appear once.
    fn render(&self, start: usize) -> String {
        if self.cut == 0 {
            return pascal(&self.original);
        }
        let kept: Vec<&str> = (start..self.units.len())
            .filter(|&index| {
                let next = self.units.get(index + 1);
                index >= self.cut || !next.is_some_and(|next| same_word(&self.units[index], next))
            })
            .map(|index| self.units[index].as_str())
            .collect();
        pascal(&kept.join(" "))
    }

    fn name(&self) -> String {
        self.render(self.start)
    }

    /// Prepends namespace units until the name changes; false when the
    /// whole namespace is already prepended.
    fn extend(&mut self) -> bool {
        let current = self.name();
        let found = (0..self.start)
            .rev()
            .find(|&start| self.render(start) != current && (start == 0 || acceptable(&self.units[start..])));
        if let Some(start) = found {
            self.start = start;
        }
        found.is_some()
    }
}

/// Where the type's own name starts after an immediately repeated word: the
/// last repetition whose remainder is an acceptable name.
fn repeat_cut(words: &[String]) -> Option<usize> {
    (1..words.len()).rev().find(|&cut| {
        same_word(&words[cut], &words[cut - 1])
            && words[cut].chars().any(|c| c.is_ascii_alphabetic())
            && acceptable(&words[cut..])
    })
}

/// Where the type's own name starts after a namespace prefix: the last
/// namespace word with at least three words up to it, two of them
/// namespace words, and an acceptable remainder; names starting with a verb
/// are operations and never have one.
fn namespace_cut(words: &[String]) -> Option<usize> {
    let first = words.first()?.to_ascii_lowercase();
    if VERBS.contains(&first.as_str()) {
        return None;
    }
    (2..words.len().saturating_sub(1)).rev().map(|last| last + 1).find(|&cut| {
        let prefix = &words[..cut];
        is_namespace_word(&prefix[cut - 1])
            && prefix.iter().filter(|word| is_namespace_word(word)).count() >= 2
            && acceptable(&words[cut..])
    })
}

/// Prepends namespace to every name that collides with another or with
/// `taken`, until no collision is left or no colliding name can grow.
fn make_unique(splits: &mut [Split], taken: &[&str]) {
    loop {
        let mut holders: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, split) in splits.iter().enumerate() {
            holders.entry(split.name()).or_default().push(index);
        }
        let mut extended = false;
        for (name, indices) in holders {
            if indices.len() > 1 || taken.contains(&name.as_str()) {
                for index in indices {
                    extended |= splits[index].extend();
                }
            }
        }
        if !extended {
            return;
        }
    }
}

/// Shortens machine-made schema names that spell out a server-side namespace
/// into the type's own name, mapping each of `names` to a PascalCase type name.
///
/// Where a name's own part starts:
/// 1. A name with `.` or `/` separators is a path: its last segment
///    (`Company.Api.Dtos.CustomerDto` → `CustomerDto`).
/// 2. A plain identifier (ASCII letters and digits only) is split into words
///    at case changes, acronyms kept whole. Its own part starts at the last
///    immediately repeated word (`…CustomerCustomerDto` → `CustomerDto`), or
///    else right after the last namespace word (`NAMESPACE_WORDS` or a
///    version such as `V2`) that ends a prefix of at least three words
///    holding at least two namespace words and not starting with a verb
///    (`FuseWebSharedObjectsModelsValidationError` → `ValidationError`).
///    Such a remainder also drops one leading word that other names show to
///    be a folder (the word after their last namespace word, before their
///    repeated word), if two words remain (`…RequestsCustomerContactDto` →
///    `ContactDto` when `…ResponsesCustomerCustomerDto` is present).
/// 3. An own part must start with a letter, not be only namespace words,
///    not be one generic word (`Dto`, `Response`, …) and not be a keyword; a
///    path segment that fails this gets the segments before it.
///
/// Every other name stays whole: names showing no pattern, names with generic
/// brackets (`Page<Customer>`), and names where `_`, `-` or spaces separate
/// words (`account_business_profile`: words, not namespaces).
///
/// Names that then collide with each other or with `taken` (reserved and
/// explicitly chosen names) all get the namespace unit before them prepended
/// (a repeated word once), again until unique or whole; what still collides
/// is left to `Scope`. The result does not depend on the order of `names`.
pub fn shorten_type_names(names: &[&str], taken: &[&str]) -> BTreeMap<String, String> {
    let mut splits: Vec<Split> = names.iter().map(|name| Split::new(name)).collect();
    let folders: BTreeSet<String> = splits.iter().filter_map(Split::folder).collect();
    for split in &mut splits {
        split.skip_folder(&folders);
    }
    make_unique(&mut splits, taken);
    splits
        .into_iter()
        .map(|split| {
            let name = split.name();
            (split.original, name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_methods_drop_what_their_group_says() {
        let fusesign = [
            ("ExternalApiExternalHandlersFeaturesCustomerGetGetCustomerEndpoint", "get"),
            ("ExternalApiExternalHandlersFeaturesCustomerCreateCreateCustomerEndpoint", "create"),
            ("ExternalApiExternalHandlersFeaturesCustomerSearchCustomerSearchEndpoint", "search"),
            (
                "ExternalApiExternalHandlersFeaturesCustomerSearchByMetaDataSearchByMetaDataEndpoint",
                "search_by_meta_data",
            ),
            ("ExternalApiExternalHandlersFeaturesCustomerGetCountryCodesGetCountryCodesEndpoint", "get_country_codes"),
        ];
        for (id, method) in fusesign {
            assert_eq!(operation_method(id, Some("Customer"), "/api/Customer/x", "get"), method, "{id}");
        }
        let github = operation_method("actions/get-actions-cache-usage-for-enterprise", Some("actions"), "/x", "get");
        assert_eq!(github, "get_actions_cache_usage_for_enterprise");
        assert_eq!(operation_method("list_items_items_get", Some("items"), "/items", "get"), "list_items");
        assert_eq!(
            operation_method("read_item_items__item_id__get", Some("items"), "/items/{item_id}", "get"),
            "read_item"
        );
        assert_eq!(operation_method("health_health_get", None, "/health", "get"), "health");
        // Nothing to drop, or nothing would be left.
        assert_eq!(operation_method("listRepos", Some("repos"), "/repos", "get"), "list_repos");
        assert_eq!(operation_method("repos", Some("repos"), "/repos", "get"), "repos");
        assert_eq!(operation_method("getCustomer", Some("customers"), "/c", "get"), "get_customer");
        assert_eq!(operation_method("OrdersController", Some("orders"), "/o", "get"), "orders");
        assert_eq!(
            operation_method("ApiVersion_ApiVersionInformation", Some("ApiVersion"), "/VersionInformation", "get"),
            "information"
        );
    }

    #[test]
    fn acronyms_case_naturally() {
        assert_eq!(snake("APIs"), "apis");
        assert_eq!(snake("OAuth2Token"), "oauth2_token");
        assert_eq!(snake("listIDs"), "list_ids");
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(snake("status"), "status");
    }

    #[test]
    fn snake_case_names_are_valid_identifiers() {
        assert_eq!(snake("TenantId"), "tenant_id");
        assert_eq!(snake("SearchByMetaData"), "search_by_meta_data");
        assert_eq!(snake("OAuthToken"), "oauth_token");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(snake("x-rate-limit"), "x_rate_limit");
        assert_eq!(snake("@id"), "id");
        assert_eq!(snake(""), "value");
    }

    #[test]
    fn pascal_case_names_are_valid_identifiers() {
        assert_eq!(pascal("customer dto"), "CustomerDto");
        assert_eq!(pascal("XPM"), "Xpm");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(pascal("1st"), "N1st");
        assert_eq!(pascal("-"), "Value");
    }

    #[test]
    fn scopes_number_collisions_deterministically() {
        let mut scope = Scope::with_reserved(&["client"]);
        assert_eq!(scope.claim("client"), "client_2");
        assert_eq!(scope.claim("foo_bar"), "foo_bar");
        assert_eq!(scope.claim("foo_bar"), "foo_bar_2");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type_2");
        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
        let mut types = Scope::default();
        assert_eq!(types.claim("Pet"), "Pet");
        assert_eq!(types.claim("Pet"), "Pet2");
        assert_eq!(types.claim("Self_"), "Self_");
        assert_eq!(types.claim("Self_"), "Self2");
    }

    const RESERVED_TYPES: &[&str] = &["Client", "ClientBuilder", "Error", "Response"];

    /// The shortened name of each of `names`, in their order.
    fn shortened(names: &[&str], taken: &[&str]) -> Vec<String> {
        let map = shorten_type_names(names, taken);
        names.iter().map(|name| map.get(*name).cloned().unwrap_or_default()).collect()
    }

    fn shortened_alone(name: &str) -> String {
        shortened(&[name], RESERVED_TYPES).concat()
    }

    #[test]
    fn words_split_at_case_changes_and_keep_acronyms() {
        assert_eq!(split_words("APIErrorV2Dto"), ["API", "Error", "V2", "Dto"]);
        assert_eq!(split_words("FuseSignEnums"), ["Fuse", "Sign", "Enums"]);
        assert_eq!(split_words("Co2Emission"), ["Co2", "Emission"]);
        assert_eq!(split_words("dialing_permissions-x"), ["dialing", "permissions", "x"]);
        assert!(split_words("").is_empty());
    }

    #[test]
    fn paths_shorten_to_their_last_meaningful_segment() {
        assert_eq!(shortened_alone("Company.Api.Dtos.CustomerDto"), "CustomerDto");
        assert_eq!(shortened_alone("company/api/dtos/customer_dto"), "CustomerDto");
        assert_eq!(
            shortened_alone("voice.v1.dialing_permissions.dialing_permissions_country"),
            "DialingPermissionsCountry"
        );
        // A segment that is no name on its own keeps the segments before it.
        assert_eq!(shortened_alone("voice.v1"), "VoiceV1");
        assert_eq!(shortened_alone("CreateCustomer.Request"), "CreateCustomerRequest");
        assert_eq!(shortened_alone("Acme.Models.2fa"), "Models2fa");
        assert_eq!(shortened_alone("Acme.Models.Self"), "ModelsSelf");
        assert_eq!(shortened_alone("Foo.1"), "Foo1");
        assert_eq!(shortened_alone("..."), "Value");
    }

    #[test]
    fn concatenated_names_shorten_after_a_repeated_word_or_a_namespace() {
        assert_eq!(shortened_alone("AcmeDtosCustomerCustomerDto"), "CustomerDto");
        assert_eq!(shortened_alone("AcmeFeaturesOrderCreateCreateOrderRequest"), "CreateOrderRequest");
        assert_eq!(shortened_alone("AcmeSharedModelsValidationError"), "ValidationError");
        assert_eq!(shortened_alone("AcmeShopV2ModelsCustomer"), "Customer");
        // A one-word remainder needs a clear namespace; generic words never stand alone.
        assert_eq!(shortened_alone("AcmeCommonModelsSource"), "Source");
        assert_eq!(shortened_alone("AcmeApiDtosCustomerTypesDto"), "AcmeApiDtosCustomerTypesDto");
        assert_eq!(shortened_alone("AcmeCommonModelsCustomerTypesDto"), "CustomerTypesDto");
    }

    #[test]
    fn names_without_a_namespace_pattern_stay_whole() {
        for name in [
            "CustomerDto",
            "ListObjectsV2Output",
            "GetSharedObjectsResponse",
            "UserSharedObjectsResponse",
            "CalendarEventTypesListResponse",
            "ArticleConfigurationItemCategoryAssociationModel",
            "AcmeSharedModels",
            "account_business_profile",
            "code-scanning-analysis-analysis-key",
            "ItemQueryResultModel_DomainRegistrarModel_DomainRegistrar_",
            "Page<Acme.Models.Customer>",
            "V2",
        ] {
            assert_eq!(shortened_alone(name), pascal(name), "{name}");
        }
    }

    #[test]
    fn shortened_names_are_never_empty_nor_start_with_a_digit() {
        for name in ["", "/", "2fa", "Acme.Models.2", "AcmeCommonModels2Fa", "Acme.1.2", "AcmeCommonModelsV2"] {
            let short = shortened_alone(name);
            assert!(short.starts_with(|c: char| c.is_ascii_uppercase()), "{name} -> {short}");
        }
    }

    #[test]
    fn collisions_prepend_namespace_until_unique() {
        let names = ["Acme.Requests.OrderDto", "Acme.Responses.OrderDto", "Other.Invoice"];
        assert_eq!(shortened(&names, &[]), ["RequestsOrderDto", "ResponsesOrderDto", "Invoice"]);
        // A repeated word is prepended once.
        let names = ["AcmeDtosRequestsCustomerCustomerDto", "AcmeDtosResponsesCustomerCustomerDto"];
        assert_eq!(shortened(&names, &[]), ["RequestsCustomerDto", "ResponsesCustomerDto"]);
        // A name that is not shortened keeps its name; the shortened one grows.
        let names = ["CustomerDto", "Acme.Api.CustomerDto", "Acme.Api.Error", "Acme.Api.Response"];
        assert_eq!(shortened(&names, RESERVED_TYPES), ["CustomerDto", "ApiCustomerDto", "ApiError", "ApiResponse"]);
        // Three names collide at once.
        let names = ["A.Foo.X", "B.Foo.X", "C.Bar.X"];
        assert_eq!(shortened(&names, &[]), ["AFooX", "BFooX", "BarX"]);
        // What cannot grow apart is left to the scope to number.
        assert_eq!(shortened(&["x.a-b", "x.a_b"], &[]), ["XAB", "XAB"]);
    }

    #[test]
    fn taken_names_win_over_shortened_ones() {
        let names = ["AcmeDtosResponsesCustomerCustomerDto", "FuseWebSharedObjectsFuseSignEnumsSource"];
        let taken = ["CustomerDto", "Source"];
        assert_eq!(shortened(&names, &taken), ["ResponsesCustomerDto", "EnumsSource"]);
    }

    #[test]
    fn shortening_does_not_depend_on_the_order_of_names() {
        let mut names = vec!["A.Foo.X", "C.Bar.X", "B.Foo.X", "AcmeCommonModelsX", "X", "AcmeSharedModelsX"];
        let forward = shorten_type_names(&names, RESERVED_TYPES);
        names.reverse();
        assert_eq!(shorten_type_names(&names, RESERVED_TYPES), forward);
        assert_eq!(forward.len(), names.len());
    }

    #[test]
    fn fusesign_schema_names_shorten_to_what_a_person_would_write() {
        let names = [
            "ExternalApiExternalHandlersFeaturesCustomerCreateCreateCustomerRequest",
            "ExternalApiExternalHandlersDtosRequestsCustomerContactCreationOptionsDto",
            "ExternalApiExternalHandlersDtosResponsesCustomerCustomerDto",
            "FuseWebSharedObjectsFuseSignEnumsSource",
            "ExternalApiCommonModelsApiErrorResponse",
            "FuseWebSharedObjectsModelsValidationError",
        ];
        assert_eq!(
            shortened(&names, RESERVED_TYPES),
            [
                "CreateCustomerRequest",
                "ContactCreationOptionsDto",
                "CustomerDto",
                "Source",
                "ApiErrorResponse",
                "ValidationError"
            ]
        );
        // Without the names that show `Customer` is a folder, the word stays.
        assert_eq!(shortened(&names[1..2], RESERVED_TYPES), ["CustomerContactCreationOptionsDto"]);
    }
}
