//! The code of every diagnostic the front end reports (lexer, parser, loader, checker): one named constant per
//! code, each documented in `docs/diagnostics.md`. Lint codes (`L001`...) live in [`crate::lint::codes`].

// Lexer (E0001–E0007)

/// E0001, unexpected character: A character that starts no token: `@`, `$`, `#`, or a non-ASCII character outside
/// strings and comments.
pub const UNEXPECTED_CHARACTER: &str = "E0001";
/// E0002, unterminated string literal: A string literal has no closing `"` on its line (strings cannot span lines).
pub const UNTERMINATED_STRING: &str = "E0002";
/// E0003, unterminated block comment: A `/*` comment is never closed (block comments nest, so every `/*` needs its own
/// `*/`).
pub const UNTERMINATED_BLOCK_COMMENT: &str = "E0003";
/// E0004, invalid integer literal: An integer literal has a digit that its base does not allow, no digits after
/// `0x`/`0b`/`0o`, letters glued to it (`12abc`), or more than 64 bits.
pub const INVALID_INT_LITERAL: &str = "E0004";
/// E0005, invalid float literal: A float literal is too large for `f32` (it would round to infinity).
pub const INVALID_FLOAT_LITERAL: &str = "E0005";
/// E0006, identifier too long: An identifier (a name of any kind, or a keyword-like word) is longer than 256
/// characters.
pub const IDENTIFIER_TOO_LONG: &str = "E0006";
/// E0007, invalid character or byte literal: A character literal that is not exactly one character, an unknown
/// escape, a byte literal or byte string with a non-ASCII character (write `\xNN`), or a byte string of more than
/// 4096 bytes.
pub const INVALID_CHAR_LITERAL: &str = "E0007";

// Parser (E0010–E0019)

/// E0010, expected something else: The parser expected a particular token or construct and found another; the message
/// says both.
pub const EXPECTED_TOKEN: &str = "E0010";
/// E0011, expected `;`: A statement or item is missing its final `;`.
pub const EXPECTED_SEMICOLON: &str = "E0011";
/// E0012, keyword used as a name: A reserved keyword (`in`, `for`, `spec`, `as`, ...) stands where a name is expected.
pub const KEYWORD_AS_NAME: &str = "E0012";
/// E0013, input without a type: An `input` declaration has no `: TYPE`.
pub const INPUT_WITHOUT_TYPE: &str = "E0013";
/// E0014, expected an item: At the top level of a file only `spec`, `import`, `const`, `input`, `fn` and `property` may
/// appear; statements belong inside a body.
pub const EXPECTED_ITEM: &str = "E0014";
/// E0015, unclosed block: A `{` is never closed: the file ends, or a new item starts, before its `}`.
pub const UNCLOSED_BLOCK: &str = "E0015";
/// E0016, nesting too deep: More than 200 levels of nesting (parentheses, blocks, operator chains, casts, indexing).
pub const NESTING_TOO_DEEP: &str = "E0016";
/// E0017, chained comparison: Comparison operators do not associate: `a < b < c` is an error, not `(a < b) < c`.
pub const CHAINED_COMPARISON: &str = "E0017";
/// E0018, call of something that is not a function name: Only a named function or builtin can be called.
pub const CALL_OF_NON_NAME: &str = "E0018";
/// E0019, empty array literal: `[]` has no element type and no length; arrays have 1 to 4096 elements.
pub const EMPTY_ARRAY_LITERAL: &str = "E0019";
/// E0020, loop without a bound: A `while` or `loop` has no `bound N` (every loop of a spec is bounded so the GPU and
/// the solver can run it).
pub const LOOP_WITHOUT_BOUND: &str = "E0020";
/// E0021, not supported yet: Syntax of a construct the language does not have yet (records and enums with `struct`/
/// `enum`/`type`, tuples `(a, b)`, destructuring `let (a, b) = ...`): the message names the construct and the help
/// says how to write it today.
pub const UNSUPPORTED: &str = "E0021";

// Items, names and constants (E0101–E0113)

/// E0101, missing `spec` header: The root spec file has no `spec NAME { ... }` header.
pub const MISSING_HEADER: &str = "E0101";
/// E0102, header not first: The `spec` header must be the first item of the root file (comments may precede it).
pub const HEADER_NOT_FIRST: &str = "E0102";
/// E0103, more than one header: The root file has a second `spec` header.
pub const DUPLICATE_HEADER: &str = "E0103";
/// E0104, defined more than once: Two consts, fns or inputs of one file share a name (they share one namespace), an
/// input has the name of an imported const or fn, or two properties share a name.
pub const DUPLICATE_DEFINITION: &str = "E0104";
/// E0105, name of a builtin or type: A const, fn or input is named like a builtin function (`min`, `len`, ...) or a
/// type (`u32`, ...).
pub const RESERVED_NAME: &str = "E0105";
/// E0106, name imported twice: A file's own definition and an imported one (or two imports) bring different definitions
/// of one name into scope.
pub const AMBIGUOUS_IMPORT: &str = "E0106";
/// E0107, constant depends on itself: Constants refer to each other in a cycle.
pub const CONST_CYCLE: &str = "E0107";
/// E0108, constant without a type: Every `const` needs a type.
pub const CONST_WITHOUT_TYPE: &str = "E0108";
/// E0109, not a constant expression: A const's value, an array length, a loop bound or a domain bound uses something
/// that varies: an input, a variable or a function call.
pub const NOT_CONSTANT: &str = "E0109";
/// E0110, not an integer: An array length or loop bound is a constant, but not an integer.
pub const NOT_AN_INTEGER: &str = "E0110";
/// E0111, unknown type: The type name is not `bool`, `u32`, `i32`, `f32` or an array `[T; N]`.
pub const UNKNOWN_TYPE: &str = "E0111";
/// E0112, arrays of arrays: Array elements are scalars; nested arrays (in a type or a literal) are not supported.
pub const NESTED_ARRAY: &str = "E0112";
/// E0113, array length out of range: An array has fewer than 1 or more than 4096 elements.
pub const ARRAY_LENGTH_OUT_OF_RANGE: &str = "E0113";

// The header (E0121–E0126)

/// E0121, unknown status: `status` is `"frozen"` or `"experimental"`.
pub const UNKNOWN_STATUS: &str = "E0121";
/// E0122, bad budget value: A `budget` field is not a literal number, or is negative or not finite.
pub const BAD_BUDGET_VALUE: &str = "E0122";
/// E0123, unknown budget field: Budget fields are `vectors`, `seconds`, `usd` and `usd_per_hour`.
pub const UNKNOWN_BUDGET_FIELD: &str = "E0123";
/// E0124, header field of the wrong kind: `version`, `owner` and `status` take a string, `tags` a list of strings,
/// `budget` a block.
pub const HEADER_FIELD_WRONG_KIND: &str = "E0124";
/// E0125, unknown header field: Header fields are `version`, `owner`, `status`, `tags` and `budget`.
pub const UNKNOWN_HEADER_FIELD: &str = "E0125";
/// E0126, header value too long: A header string (`version`, `owner`, `status` or one of the `tags`) is longer than 4
/// 096 bytes.
pub const HEADER_VALUE_TOO_LONG: &str = "E0126";

// Inputs and domains (E0131–E0135)

/// E0131, non-finite domain value: A float domain's bounds or set values must be finite.
pub const NON_FINITE_DOMAIN: &str = "E0131";
/// E0132, empty domain: A range contains no values (`lo..hi` excludes `hi`), or a set is empty.
pub const EMPTY_DOMAIN: &str = "E0132";
/// E0133, range on a bool: A `bool` input takes a set (`in {true}`) or no domain, not a range.
pub const RANGE_ON_BOOL: &str = "E0133";
/// E0134, set domain too large: A set domain lists more than 65 536 values.
pub const SET_DOMAIN_TOO_LARGE: &str = "E0134";
/// E0135, field domains on a 64-bit input: a `u64`/`i64` input takes a range or a set domain, or none.
pub const WIDE_DOMAIN: &str = "E0135";

// Functions (E0141–E0148)

/// E0141, duplicate parameter: Two parameters of one function share a name.
pub const DUPLICATE_PARAMETER: &str = "E0141";
/// E0142, function without a return type: Every function returns a value and declares its type.
pub const MISSING_RETURN_TYPE: &str = "E0142";
/// E0143, missing return: Some path through the function reaches its end without `return`.
pub const MISSING_RETURN: &str = "E0143";
/// E0144, recursion: A function calls itself, directly or through other functions.
pub const RECURSION: &str = "E0144";
/// E0145, property too large once calls are inlined: Every call is inlined (on both backends), so a property's size is
/// its own code plus, for each call, the inlined size of the callee.
pub const INLINED_TOO_LARGE: &str = "E0145";
/// E0146, function calls nested too deep: A property's calls nest more than 256 deep (every call is inlined into its
/// caller).
pub const CALLS_NESTED_TOO_DEEP: &str = "E0146";
/// E0147, extern fn with a body: An `extern fn` is implemented by code bound on the command line (`--impl`); its
/// declaration ends with `;`.
pub const EXTERN_WITH_BODY: &str = "E0147";
/// E0148, extern fn called where only constants are allowed: An extern fn's result is known only when the spec runs
/// against an implementation, so it cannot appear in a `const`, a domain, an array length or a loop bound.
pub const EXTERN_IN_CONST: &str = "E0148";

// Statements (E0151–E0174)

/// E0151, invalid assignment target: Only a variable (`x = ...`) or an element of an array variable (`a[i] = ...`) can
/// be assigned.
pub const INVALID_ASSIGN_TARGET: &str = "E0151";
/// E0152, assignment to an input or a constant: Inputs and constants are read-only.
pub const ASSIGN_TO_READ_ONLY: &str = "E0152";
/// E0153, assignment to a `let`: A `let` binding (and a `for` loop variable, and a function parameter) is immutable;
/// declare it with `var`.
pub const ASSIGN_TO_IMMUTABLE: &str = "E0153";
/// E0154, indexing a non-array: Only arrays can be indexed.
pub const INDEX_OF_NON_ARRAY: &str = "E0154";
/// E0155, compound assignment to an array: `op=` works on scalars (and array elements), not whole arrays.
pub const COMPOUND_ASSIGN_TO_ARRAY: &str = "E0155";
/// E0161, loop too long: A `for` loop runs more than 1 048 576 (2^20) times.
pub const LOOP_TOO_LONG: &str = "E0161";
/// E0162, too much work per vector: One vector of a property would take more than 2^32 (4 294 967 296) steps: each
/// loop's body counts once per iteration, so nested loops multiply, and a call counts the work of the function it
/// calls.
pub const TOO_MUCH_WORK: &str = "E0162";
/// E0163, `break` or `continue` outside a loop: `break` and `continue` leave or go on with the innermost loop of
/// the same body.
pub const JUMP_OUTSIDE_LOOP: &str = "E0163";
/// E0171, `assert`, `assume` or `cover` in a function: Functions are pure: they compute a value.
pub const CHECK_IN_FUNCTION: &str = "E0171";
/// E0172, `return` in a property: Properties do not return values; a property passes when it reaches its end.
pub const RETURN_OUTSIDE_FUNCTION: &str = "E0172";
/// E0173, expression statement: An expression used as a statement has no effect (the language is pure).
pub const EXPRESSION_STATEMENT: &str = "E0173";
/// E0174, message too long: An `assert`, `assume` or `cover` message is longer than 4 096 bytes.
pub const MESSAGE_TOO_LONG: &str = "E0174";

// Names and calls (E0181–E0186)

/// E0181, unknown name: No local, parameter, const, fn or input of this name is in scope.
pub const UNKNOWN_NAME: &str = "E0181";
/// E0182, function reads an input: Inputs are visible only in properties; pass the value as a parameter.
pub const INPUT_READ_IN_FUNCTION: &str = "E0182";
/// E0183, function used as a value: A function name appears without a call.
pub const FUNCTION_AS_VALUE: &str = "E0183";
/// E0184, calling something that is not a function: A const, input or variable is called.
pub const CALL_OF_NON_FUNCTION: &str = "E0184";
/// E0185, wrong number of arguments: A function or builtin is called with too many or too few arguments.
pub const WRONG_ARGUMENT_COUNT: &str = "E0185";
/// E0186, builtin argument of the wrong type: A builtin does not accept this argument type (see the builtins in
/// `docs/language.md`).
pub const BUILTIN_ARGUMENT_TYPE: &str = "E0186";

// Types (E0191–E0199)

/// E0191, mismatched types: An expression has another type than its context requires (a declared type, a parameter, a
/// condition, the other operand).
pub const MISMATCHED_TYPES: &str = "E0191";
/// E0192, index is not an integer: An array index is an integer.
pub const INDEX_NOT_INTEGER: &str = "E0192";
/// E0193, integer literal out of range: An integer literal does not fit the type its context gives it.
pub const LITERAL_OUT_OF_RANGE: &str = "E0193";
/// E0194, bad unary operator: Unary `-` applies to `i32` and `f32` (not `u32`), `!` to `bool`, `~` to integers; none
/// applies to arrays.
pub const BAD_UNARY_OPERAND: &str = "E0194";
/// E0195, bad cast: Casts convert between scalars; nothing converts to `bool` except a `bool` (compare instead), and
/// arrays cannot be cast.
pub const BAD_CAST: &str = "E0195";
/// E0196, operator on arrays: No binary operator applies to whole arrays; work element by element in a `for` loop.
pub const OPERATOR_ON_ARRAYS: &str = "E0196";
/// E0197, `&&` / `||` on non-bools: The logical operators take `bool` operands.
pub const LOGIC_ON_NON_BOOL: &str = "E0197";
/// E0198, shift of a non-integer: `<<` and `>>` take integer operands.
pub const SHIFT_OF_NON_INTEGER: &str = "E0198";
/// E0199, operator not defined for the type: `%` on `f32`, ordering (`<` ...) on `bool`, arithmetic on `bool`.
pub const OPERATOR_NOT_DEFINED: &str = "E0199";

// Imports (E0201–E0203)

/// E0201, import cycle: A file imports, directly or indirectly, a file that is still being imported.
pub const IMPORT_CYCLE: &str = "E0201";
/// E0202, cannot import: The imported file cannot be read (missing, unreadable, not UTF-8).
pub const CANNOT_IMPORT: &str = "E0202";
/// E0203, import outside the project: Imports are confined to the project directory: the nearest folder at or above the
/// root spec's own folder that holds a `.git` entry or a `vecrun.toml` file, or else the root spec's folder itself.
pub const IMPORT_OUTSIDE_PROJECT: &str = "E0203";

// Structs and tuples (E0211–E0218)

/// E0211, struct without fields: A `struct` holds at least one field.
pub const EMPTY_STRUCT: &str = "E0211";
/// E0212, one-element tuple: A tuple, and a tuple type, have at least two elements.
pub const ONE_ELEMENT_TUPLE: &str = "E0212";
/// E0213, no such field: The value has no field of that name (or a tuple no element at that position), or it is not
/// a struct or tuple at all.
pub const UNKNOWN_FIELD: &str = "E0213";
/// E0214, missing field: A struct literal names every field of its struct.
pub const MISSING_FIELD: &str = "E0214";
/// E0215, field named twice: A struct declares, and a struct literal or record domain sets, each field once.
pub const DUPLICATE_FIELD: &str = "E0215";
/// E0216, recursive struct: A struct contains itself, directly or through other structs and tuples (its size would be
/// infinite).
pub const RECURSIVE_STRUCT: &str = "E0216";
/// E0217, pattern does not match the tuple: A tuple pattern `let (a, b) = v;` names one binding per element of the
/// tuple.
pub const PATTERN_MISMATCH: &str = "E0217";
/// E0218, struct or tuple not allowed here: Structs and tuples are not array elements, `extern fn` parameters or
/// results, casts, or `select` operands (yet).
pub const RECORD_NOT_ALLOWED: &str = "E0218";

// Warnings

/// W0201, property in an imported file: Imports bring in consts and fns only; a property in an imported file is not
/// run.
pub const PROPERTY_IN_IMPORT: &str = "W0201";
/// W0202, input in an imported file: Imports bring in consts and fns only; an input in an imported file is ignored
/// (declare it in the root spec).
pub const INPUT_IN_IMPORT: &str = "W0202";
/// W0301, property without `assert`: A property with no `assert` can never fail.
pub const PROPERTY_WITHOUT_ASSERT: &str = "W0301";
/// W0302, no properties: The spec checks but has no properties, so there is nothing to run.
pub const NO_PROPERTIES: &str = "W0302";

/// Every code, in order.
pub const ALL: &[&str] = &[
    UNEXPECTED_CHARACTER,
    UNTERMINATED_STRING,
    UNTERMINATED_BLOCK_COMMENT,
    INVALID_INT_LITERAL,
    INVALID_FLOAT_LITERAL,
    IDENTIFIER_TOO_LONG,
    INVALID_CHAR_LITERAL,
    EXPECTED_TOKEN,
    EXPECTED_SEMICOLON,
    KEYWORD_AS_NAME,
    INPUT_WITHOUT_TYPE,
    EXPECTED_ITEM,
    UNCLOSED_BLOCK,
    NESTING_TOO_DEEP,
    CHAINED_COMPARISON,
    CALL_OF_NON_NAME,
    EMPTY_ARRAY_LITERAL,
    LOOP_WITHOUT_BOUND,
    UNSUPPORTED,
    MISSING_HEADER,
    HEADER_NOT_FIRST,
    DUPLICATE_HEADER,
    DUPLICATE_DEFINITION,
    RESERVED_NAME,
    AMBIGUOUS_IMPORT,
    CONST_CYCLE,
    CONST_WITHOUT_TYPE,
    NOT_CONSTANT,
    NOT_AN_INTEGER,
    UNKNOWN_TYPE,
    NESTED_ARRAY,
    ARRAY_LENGTH_OUT_OF_RANGE,
    UNKNOWN_STATUS,
    BAD_BUDGET_VALUE,
    UNKNOWN_BUDGET_FIELD,
    HEADER_FIELD_WRONG_KIND,
    UNKNOWN_HEADER_FIELD,
    HEADER_VALUE_TOO_LONG,
    NON_FINITE_DOMAIN,
    EMPTY_DOMAIN,
    RANGE_ON_BOOL,
    SET_DOMAIN_TOO_LARGE,
    WIDE_DOMAIN,
    DUPLICATE_PARAMETER,
    MISSING_RETURN_TYPE,
    MISSING_RETURN,
    RECURSION,
    INLINED_TOO_LARGE,
    CALLS_NESTED_TOO_DEEP,
    EXTERN_WITH_BODY,
    EXTERN_IN_CONST,
    INVALID_ASSIGN_TARGET,
    ASSIGN_TO_READ_ONLY,
    ASSIGN_TO_IMMUTABLE,
    INDEX_OF_NON_ARRAY,
    COMPOUND_ASSIGN_TO_ARRAY,
    LOOP_TOO_LONG,
    TOO_MUCH_WORK,
    JUMP_OUTSIDE_LOOP,
    CHECK_IN_FUNCTION,
    RETURN_OUTSIDE_FUNCTION,
    EXPRESSION_STATEMENT,
    MESSAGE_TOO_LONG,
    UNKNOWN_NAME,
    INPUT_READ_IN_FUNCTION,
    FUNCTION_AS_VALUE,
    CALL_OF_NON_FUNCTION,
    WRONG_ARGUMENT_COUNT,
    BUILTIN_ARGUMENT_TYPE,
    MISMATCHED_TYPES,
    INDEX_NOT_INTEGER,
    LITERAL_OUT_OF_RANGE,
    BAD_UNARY_OPERAND,
    BAD_CAST,
    OPERATOR_ON_ARRAYS,
    LOGIC_ON_NON_BOOL,
    SHIFT_OF_NON_INTEGER,
    OPERATOR_NOT_DEFINED,
    IMPORT_CYCLE,
    CANNOT_IMPORT,
    IMPORT_OUTSIDE_PROJECT,
    EMPTY_STRUCT,
    ONE_ELEMENT_TUPLE,
    UNKNOWN_FIELD,
    MISSING_FIELD,
    DUPLICATE_FIELD,
    RECURSIVE_STRUCT,
    PATTERN_MISMATCH,
    RECORD_NOT_ALLOWED,
    PROPERTY_IN_IMPORT,
    INPUT_IN_IMPORT,
    PROPERTY_WITHOUT_ASSERT,
    NO_PROPERTIES,
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::ALL;

    #[test]
    fn codes_are_distinct_and_well_formed() {
        let distinct: BTreeSet<&str> = ALL.iter().copied().collect();
        assert_eq!(distinct.len(), ALL.len(), "a code is registered twice");
        for code in ALL {
            let (kind, digits) = code.split_at(1);
            assert!(matches!(kind, "E" | "W") && digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()), "malformed code {code}");
        }
        assert!(ALL.is_sorted(), "codes are listed in order");
    }

    #[test]
    fn every_code_is_documented_and_every_documented_code_registered() {
        let docs = include_str!("../../docs/diagnostics.md");
        let documented: BTreeSet<&str> =
            docs.lines().filter_map(|l| l.strip_prefix("### ")).filter_map(|rest| rest.split_whitespace().next()).collect();
        let registered: BTreeSet<&str> = ALL.iter().copied().collect();
        let undocumented: Vec<_> = registered.difference(&documented).collect();
        assert!(undocumented.is_empty(), "codes missing from docs/diagnostics.md: {undocumented:?}");
        let unregistered: Vec<_> = documented.difference(&registered).collect();
        assert!(unregistered.is_empty(), "codes in docs/diagnostics.md missing from diag::codes: {unregistered:?}");
    }
}
