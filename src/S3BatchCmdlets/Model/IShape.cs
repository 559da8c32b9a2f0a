using System;
using System.Collections.Generic;

namespace S3Batch.Model
{
    /// <summary>
    /// A structure of the service model. <see cref="Visit"/> names its members in the model's
    /// order with their constraints; the same declaration drives the XML writer, the XML
    /// reader and the validator, so the three can never disagree.
    /// </summary>
    internal interface IShape
    {
        void Visit(IShapeVisitor visitor);
    }

    /// <summary>A structure the model marks as a union: exactly one member may be set.</summary>
    internal interface IUnionShape : IShape
    {
    }

    /// <summary>
    /// Walks the members of a shape. Each call receives the member's wire name, its current
    /// value and its constraints, and returns the value the member should hold afterwards
    /// (writers and validators return it unchanged; readers return what they read).
    /// </summary>
    internal interface IShapeVisitor
    {
        string? String(string name, string? value, StringShape shape, bool required = false);

        bool? Boolean(string name, bool? value, bool required = false);

        int? Integer(string name, int? value, NumberShape shape, bool required = false);

        long? Long(string name, long? value, NumberShape shape, bool required = false);

        DateTime? Timestamp(string name, DateTime? value, bool required = false);

        T? Structure<T>(string name, T? value, bool required = false) where T : class, IShape, new();

        List<T>? StructureList<T>(string name, List<T>? value, ListShape shape, bool required = false) where T : class, IShape, new();

        List<string>? StringList(string name, List<string>? value, ListShape shape, StringShape item, bool required = false);

        SortedDictionary<string, string>? Map(string name, SortedDictionary<string, string>? value, MapShape shape, bool required = false);
    }
}
