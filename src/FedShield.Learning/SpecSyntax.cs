namespace FedShield.Learning;

/// <summary>
/// Parses <c>name</c> or <c>name(key=value, key=[a,b], …)</c>. Names are letters, digits, '-', '_'
/// and '.', starting with a letter (returned in lower case); keys are letters, digits and '_'; atoms
/// are runs of any characters other than whitespace, ',', '=', brackets and parentheses.
/// </summary>
internal static class SpecSyntax
{
    /// <exception cref="FormatException">The text does not follow the grammar; the message gives the 1-based position and what was expected.</exception>
    public static (string Name, List<SpecArgument> Arguments) Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = new Cursor(text, what);
        p.SkipSpace();
        if (p.AtEnd)
        {
            throw new FormatException($"{what} is empty: expected a name such as {Example(what)}.");
        }

        string name = p.Word(isName: true, "a name");
        var arguments = new List<SpecArgument>();
        p.SkipSpace();
        if (!p.AtEnd)
        {
            p.Expect('(', "'(' or the end");
            p.SkipSpace();
            if (!p.TryTake(')'))
            {
                while (true)
                {
                    arguments.Add(p.Argument(arguments));
                    p.SkipSpace();
                    if (p.TryTake(')'))
                    {
                        break;
                    }

                    p.Expect(',', "',' or ')'");
                    p.SkipSpace();
                }
            }

            p.SkipSpace();
            if (!p.AtEnd)
            {
                throw p.Error("the end after ')'");
            }
        }

        return (name.ToLowerInvariant(), arguments);
    }

    private static string Example(string what) => what.StartsWith("optimizer", StringComparison.Ordinal) ? "sgd(lr=0.01)" : "mlp(hidden=[64])";

    private sealed class Cursor(string text, string what)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public bool TryTake(char c)
        {
            if (!AtEnd && text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        public void Expect(char c, string expected)
        {
            if (!TryTake(c))
            {
                throw Error(expected);
            }
        }

        public SpecArgument Argument(List<SpecArgument> previous)
        {
            int start = _at;
            string key = Word(isName: false, "a parameter name");
            if (previous.Any(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase)))
            {
                _at = start;
                throw new FormatException($"{what} '{text}': parameter '{key}' is given twice (position {start + 1}).");
            }

            SkipSpace();
            Expect('=', $"'=' after '{key}'");
            SkipSpace();
            if (!TryTake('['))
            {
                return new SpecArgument(key, Atom());
            }

            var items = new List<string>();
            SkipSpace();
            if (TryTake(']'))
            {
                return new SpecArgument(key, items);
            }

            while (true)
            {
                items.Add(Atom());
                SkipSpace();
                if (TryTake(']'))
                {
                    return new SpecArgument(key, items);
                }

                Expect(',', "',' or ']'");
                SkipSpace();
            }
        }

        public string Word(bool isName, string expected)
        {
            int start = _at;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_' || (isName && (text[_at] == '-' || text[_at] == '.'))))
            {
                _at++;
            }

            if (_at == start || !(char.IsAsciiLetter(text[start]) || (!isName && text[start] == '_')))
            {
                _at = start;
                throw Error(expected);
            }

            return text[start.._at];
        }

        private string Atom()
        {
            int start = _at;
            while (!AtEnd && !char.IsWhiteSpace(text[_at]) && text[_at] is not (',' or '=' or '(' or ')' or '[' or ']'))
            {
                _at++;
            }

            if (_at == start)
            {
                throw Error("a value");
            }

            return text[start.._at];
        }

        public FormatException Error(string expected)
        {
            string found = AtEnd ? "the end" : $"'{text[_at]}'";
            return new FormatException($"{what} '{text}': expected {expected} at position {_at + 1}, found {found}.");
        }
    }
}
