using System;
using System.Reflection;

namespace S3Batch.Loading
{
    /// <summary>
    /// AssemblyLoadContext, reached by reflection: netstandard2.0 has no API for it, and Windows
    /// PowerShell 5.1 (.NET Framework) has no such thing (everything is then in one context).
    /// </summary>
    internal static class LoadContexts
    {
        private static readonly MethodInfo? GetLoadContext =
            typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext")
                ?.GetMethod("GetLoadContext", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(Assembly) }, null);

        /// <summary>True on .NET (PowerShell 7), false on .NET Framework (Windows PowerShell 5.1).</summary>
        public static bool HasLoadContexts => GetLoadContext is not null;

        /// <summary>Whether the two assemblies live in the same load context (always true on .NET Framework).</summary>
        public static bool SameContext(Assembly a, Assembly b)
        {
            if (GetLoadContext is null)
            {
                return true;
            }

            return ReferenceEquals(GetLoadContext.Invoke(null, new object[] { a }), GetLoadContext.Invoke(null, new object[] { b }));
        }
    }
}
