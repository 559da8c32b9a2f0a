using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace S3Batch.Model
{
    /// <summary>One way a value breaks the model or a documented limit.</summary>
    public sealed class ValidationFailure
    {
        internal ValidationFailure(string path, string reason, string message, object? value)
        {
            Path = path;
            Reason = reason;
            Message = message;
            Value = value;
        }

        /// <summary>The member's path in the request, for example Operation.S3PutObjectCopy.TargetKeyPrefix.</summary>
        public string Path { get; }

        /// <summary>A stable reason code: Required, TooShort, TooLong, PatternMismatch, NotInEnum, BelowMinimum, AboveMaximum, TooFewItems, TooManyItems, NotExactlyOne, DuplicateKey, TooLarge, Conflict.</summary>
        public string Reason { get; }

        /// <summary>What is wrong and what to change.</summary>
        public string Message { get; }

        /// <summary>The offending value.</summary>
        public object? Value { get; }

        /// <summary>The last member name of <see cref="Path"/>.</summary>
        public string Member => Path.Substring(Path.LastIndexOf('.') + 1);

        /// <inheritdoc/>
        public override string ToString() => Message;
    }

    /// <summary>Raised before anything is sent, when the input breaks the model or a documented limit.</summary>
    public sealed class S3BatchValidationException : Exception
    {
        internal S3BatchValidationException(IReadOnlyList<ValidationFailure> failures)
            : base(string.Join(Environment.NewLine, failures.Select(f => f.Message)))
        {
            Failures = failures;
        }

        /// <summary>Every failure found.</summary>
        public IReadOnlyList<ValidationFailure> Failures { get; }

        /// <summary>Creates an exception with one failure.</summary>
        internal static S3BatchValidationException Single(string path, string reason, string message, object? value) =>
            new(new[] { new ValidationFailure(path, reason, message, value) });
    }

    /// <summary>
    /// Checks a shape against the model's constraints (required members, lengths counted in
    /// Unicode code points, Smithy patterns found in the value, enumerations, ranges, list and map
    /// sizes, unions with exactly one member) and the documented limits on tags and metadata.
    /// </summary>
    internal sealed class ShapeValidator : IShapeVisitor
    {
        private readonly List<ValidationFailure> _failures = new();
        private readonly Stack<string> _path = new();
        private readonly Func<string, string?> _parameterFor;
        private int _membersSet;

        private ShapeValidator(string root, Func<string, string?>? parameterFor)
        {
            _path.Push(root);
            _parameterFor = parameterFor ?? (_ => null);
        }

        /// <summary>Validates <paramref name="shape"/>; <paramref name="parameterFor"/> names the cmdlet parameter behind a member, for the messages.</summary>
        public static IReadOnlyList<ValidationFailure> Validate(IShape shape, string root, Func<string, string?>? parameterFor = null)
        {
            var validator = new ShapeValidator(root, parameterFor);
            validator.VisitStructure(shape);
            return validator._failures;
        }

        /// <summary>Throws <see cref="S3BatchValidationException"/> when <paramref name="shape"/> has failures.</summary>
        public static void ThrowIfInvalid(IShape shape, string root, Func<string, string?>? parameterFor = null)
        {
            var failures = Validate(shape, root, parameterFor);
            if (failures.Count > 0)
            {
                throw new S3BatchValidationException(failures);
            }
        }

        /// <summary>Counts Unicode code points, as the model's length traits do.</summary>
        internal static int CodePoints(string s)
        {
            var count = 0;
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    i++;
                }

                count++;
            }

            return count;
        }

        public string? String(string name, string? value, StringShape shape, bool required = false)
        {
            if (Present(name, value, required) && value is not null)
            {
                CheckString(name, value, shape);
            }

            return value;
        }

        public bool? Boolean(string name, bool? value, bool required = false)
        {
            Present(name, value, required);
            return value;
        }

        public int? Integer(string name, int? value, NumberShape shape, bool required = false)
        {
            if (Present(name, value, required) && value is int i)
            {
                CheckNumber(name, i, shape);
            }

            return value;
        }

        public long? Long(string name, long? value, NumberShape shape, bool required = false)
        {
            if (Present(name, value, required) && value is long l)
            {
                CheckNumber(name, l, shape);
            }

            return value;
        }

        public DateTime? Timestamp(string name, DateTime? value, bool required = false)
        {
            Present(name, value, required);
            return value;
        }

        public T? Structure<T>(string name, T? value, bool required = false)
            where T : class, IShape, new()
        {
            if (Present(name, value, required) && value is not null)
            {
                _path.Push(name);
                VisitStructure(value);
                _path.Pop();
            }

            return value;
        }

        public List<T>? StructureList<T>(string name, List<T>? value, ListShape shape, bool required = false)
            where T : class, IShape, new()
        {
            if (Present(name, value, required) && value is not null)
            {
                CheckCount(name, value.Count, shape.Min, shape.Max);
                for (var i = 0; i < value.Count; i++)
                {
                    _path.Push($"{name}[{i}]");
                    if (value[i] is null)
                    {
                        Fail(name, "Required", $"{Describe(name)} has an empty item at position {i}. Remove it.", null);
                    }
                    else
                    {
                        VisitStructure(value[i]);
                    }

                    _path.Pop();
                }

                if (typeof(T) == typeof(S3Tag))
                {
                    CheckTags(name, value.Cast<S3Tag>().ToList());
                }
            }

            return value;
        }

        public List<string>? StringList(string name, List<string>? value, ListShape shape, StringShape item, bool required = false)
        {
            if (Present(name, value, required) && value is not null)
            {
                CheckCount(name, value.Count, shape.Min, shape.Max);
                foreach (var s in value)
                {
                    CheckString(name, s, item);
                }
            }

            return value;
        }

        public SortedDictionary<string, string>? Map(string name, SortedDictionary<string, string>? value, MapShape shape, bool required = false)
        {
            if (Present(name, value, required) && value is not null)
            {
                CheckCount(name, value.Count, shape.Min, shape.Max);
                foreach (var pair in value)
                {
                    CheckString(name, pair.Key, shape.Key, "key");
                    CheckString(name, pair.Value ?? string.Empty, shape.Value, $"value of '{pair.Key}'");
                }

                if (shape == Shapes.S3UserMetadata)
                {
                    var bytes = value.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + Encoding.UTF8.GetByteCount(p.Value ?? string.Empty));
                    if (bytes > ServiceLimits.MaxUserMetadataBytes)
                    {
                        Fail(name, "TooLarge",
                            $"{Describe(name)} holds {bytes} bytes of keys and values; S3 allows at most {ServiceLimits.MaxUserMetadataBytes} bytes of user metadata. Remove or shorten entries.",
                            value);
                    }
                }
            }

            return value;
        }

        private void VisitStructure(IShape shape)
        {
            var outer = _membersSet;
            _membersSet = 0;
            shape.Visit(this);
            if (shape is IUnionShape && _membersSet != 1)
            {
                var where = string.Join(".", _path.Reverse());
                _failures.Add(new ValidationFailure(where, "NotExactlyOne",
                    $"{where} must have exactly one member set; it has {_membersSet}.", shape));
            }

            _membersSet = outer;
        }

        private bool Present(string name, object? value, bool required)
        {
            if (value is null)
            {
                if (required)
                {
                    Fail(name, "Required", $"{Describe(name)} is required. Give a value.", null);
                }

                return false;
            }

            _membersSet++;
            return true;
        }

        private void CheckString(string name, string value, StringShape shape, string? part = null)
        {
            // Described only when something is wrong: most values are valid, and the description costs.
            string What() => part is null ? Describe(name) : $"The {part} in {Describe(name)}";
            if (shape.Values is { } allowed)
            {
                if (!allowed.Contains(value, StringComparer.Ordinal))
                {
                    Fail(name, "NotInEnum", $"{What()} is '{value}'; it must be one of: {string.Join(", ", allowed)}.", value);
                }

                return;
            }

            var length = CodePoints(value);
            if (shape.Min is int min && length < min)
            {
                Fail(name, "TooShort", min == 1
                    ? $"{What()} must not be empty."
                    : $"{What()} must be at least {min} characters long; '{value}' has {length}.", value);
            }

            if (shape.Max is int max && length > max)
            {
                Fail(name, "TooLong", $"{What()} must be at most {max} characters long; it has {length}. Shorten it.", value);
            }

            if (shape.Regex is { } regex && !regex.IsMatch(value))
            {
                Fail(name, "PatternMismatch", $"{What()} is '{value}', which does not match the pattern {shape.Pattern} that {shape.Name} requires.", value);
            }
        }

        private void CheckNumber(string name, long value, NumberShape shape)
        {
            if (shape.Min is long min && value < min)
            {
                Fail(name, "BelowMinimum", $"{Describe(name)} is {value}; it must be at least {min}.", value);
            }

            if (shape.Max is long max && value > max)
            {
                Fail(name, "AboveMaximum", $"{Describe(name)} is {value}; it must be at most {max}.", value);
            }
        }

        private void CheckCount(string name, int count, int? min, int? max)
        {
            if (min is int lo && count < lo)
            {
                Fail(name, "TooFewItems", $"{Describe(name)} has {count} item(s); it needs at least {lo}.", count);
            }

            if (max is int hi && count > hi)
            {
                Fail(name, "TooManyItems", $"{Describe(name)} has {count} items; at most {hi} are allowed.", count);
            }
        }

        private void CheckTags(string name, List<S3Tag> tags)
        {
            // Job tags (CreateJob Tags, PutJobTagging) allow 50; object tags 10 (interface page, limits beyond the model).
            var isJobTags = name == "Tags";
            var limit = isJobTags ? ServiceLimits.MaxJobTags : ServiceLimits.MaxObjectTags;
            if (tags.Count > limit)
            {
                Fail(name, "TooManyItems",
                    $"{Describe(name)} has {tags.Count} tags; {(isJobTags ? "a job" : "an object")} can have at most {limit}. Remove some.", tags.Count);
            }

            var duplicate = tags.Where(t => t?.Key is not null).GroupBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                Fail(name, "DuplicateKey", $"{Describe(name)} has the key '{duplicate.Key}' more than once; tag keys must be unique.", duplicate.Key);
            }
        }

        private string Describe(string name)
        {
            var path = string.Join(".", _path.Reverse().Skip(1).Concat(new[] { name }));
            var parameter = _parameterFor(name)
                ?? _path.Select(p => p.Split('[')[0]).Select(_parameterFor).FirstOrDefault(p => p is not null);
            return parameter is null ? path : $"{path} (-{parameter})";
        }

        private void Fail(string name, string reason, string message, object? value)
        {
            var path = string.Join(".", _path.Reverse().Concat(new[] { name }));
            _failures.Add(new ValidationFailure(path, reason, message, value));
        }
    }
}
