using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace S3Batch.Loading
{
    /// <summary>
    /// Finds the module's dependencies when the runtime does not: in the style of PSResourceGet's
    /// ModuleInitAndCleanup, an AppDomain.AssemblyResolve handler (raised on .NET after the load
    /// context's own probing and its Resolving event, and on .NET Framework after the binder) that
    /// answers only for the dlls shipped in the module's folder, and only when the module or one of
    /// those dlls asks (or, on .NET Framework, when the runtime does not say who asks).
    /// <list type="bullet">
    /// <item>AWSSDK.* is left to the runtime, which binds the module's references to the copy already
    /// loaded (AWS.Tools', whose build AwsSdkCompatibility checks at import and before the first AWS
    /// call), else loads the module's own copy from its folder; so credentials and regions pass
    /// between the two modules, and the resolver never loads an SDK copy of its own accord.</item>
    /// <item>An assembly of that name already loaded in the module's context is used as it is.</item>
    /// <item>Otherwise the copy in the module's folder is loaded, whatever version was asked for:
    /// on Windows PowerShell 5.1 this stands in for the binding redirects a .config file would give
    /// (System.Memory, System.Runtime.CompilerServices.Unsafe and friends ask for older versions
    /// than the ones the module ships).</item>
    /// </list>
    /// </summary>
    internal static class ModuleDependencyResolver
    {
        private static readonly object Gate = new();
        private static readonly Assembly Self = typeof(ModuleDependencyResolver).Assembly;
        private static Dictionary<string, string>? _dependencies;
        private static bool _registered;

        /// <summary>The folder the module's assembly was loaded from.</summary>
        public static string ModuleFolder => Path.GetDirectoryName(Self.Location) ?? string.Empty;

        /// <summary>Starts answering (once; a second call does nothing).</summary>
        public static void Register()
        {
            lock (Gate)
            {
                if (_registered)
                {
                    return;
                }

                _dependencies ??= ReadDependencies(ModuleFolder);
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
                _registered = true;
            }
        }

        /// <summary>Stops answering (Remove-Module).</summary>
        public static void Unregister()
        {
            lock (Gate)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
                _registered = false;
            }
        }

        /// <summary>The dlls in <paramref name="folder"/> but the module's own, by simple name (file names only: no file is opened).</summary>
        internal static Dictionary<string, string> ReadDependencies(string folder)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(folder))
            {
                return result;
            }

            var self = Self.GetName().Name;
            foreach (var path in Directory.EnumerateFiles(folder, "*.dll"))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (!string.Equals(name, self, StringComparison.OrdinalIgnoreCase))
                {
                    result[name] = path;
                }
            }

            return result;
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            var dependencies = _dependencies;
            if (dependencies is null || string.IsNullOrEmpty(args.Name))
            {
                return null;
            }

            AssemblyName requested;
            try
            {
                requested = new AssemblyName(args.Name);
            }
            catch (ArgumentException)
            {
                return null;
            }
            catch (FileLoadException)
            {
                return null;
            }

            if (requested.Name is null || !dependencies.TryGetValue(requested.Name, out var path) || !IsOurs(args.RequestingAssembly, dependencies))
            {
                return null;
            }

            // The AWS SDK is shared with whoever loads it first (AWS.Tools): never load the module's
            // copy for a request that the runtime could not place, lest it take the place of the copy
            // that another module is about to load. The runtime loads it for the module's own
            // references from the module's folder.
            if (requested.Name.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var loaded = AppDomain.CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => string.Equals(a.GetName().Name, requested.Name, StringComparison.OrdinalIgnoreCase) && LoadContexts.SameContext(a, Self));
            if (loaded is not null)
            {
                return loaded;
            }

            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static bool IsOurs(Assembly? requesting, Dictionary<string, string> dependencies)
        {
            if (requesting is null)
            {
                // .NET Framework does not always say who asks: the name alone decides there. .NET
                // always says, so a request without one is not the module's.
                return !LoadContexts.HasLoadContexts;
            }

            if (requesting == Self)
            {
                return true;
            }

            var name = requesting.GetName().Name;
            return name is not null && dependencies.ContainsKey(name);
        }
    }
}
