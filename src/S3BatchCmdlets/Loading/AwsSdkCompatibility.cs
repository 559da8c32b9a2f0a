using System;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace S3Batch.Loading
{
    /// <summary>
    /// Which builds of the AWS SDK for .NET the module can share a session with. Every 4.x build of
    /// AWSSDK.Core (and of AWSSDK.S3 and AWSSDK.SecurityToken) has assembly version 4.0.0.0, so a
    /// process holds one of each, whoever loaded it first (AWS.Tools.Common loads its own). The module
    /// uses the one that is loaded; this class decides whether it can, from the build's file version.
    /// Nothing here touches an AWSSDK type, so the check costs no SDK load at import.
    /// </summary>
    internal static class AwsSdkCompatibility
    {
        /// <summary>The simple name of AWSSDK.Core.</summary>
        public const string CoreName = "AWSSDK.Core";

        /// <summary>
        /// The oldest AWSSDK.Core build the module works with. The module is built against 4.1.0;
        /// the coexistence tests load older builds from the package registry first: 4.0.100.6 and later
        /// run every call the module makes (HeadObject, GetObject, PutObject, ListObjectsV2 through
        /// AWSSDK.S3, GetCallerIdentity through AWSSDK.SecurityToken), while 4.0.100.2 and 4.0.3.3 fail in
        /// AWSSDK.SecurityToken (a method its build needs is missing). 4.0.100.3 to 4.0.100.5 were not
        /// served to test, so they are refused too.
        /// </summary>
        public static readonly Version MinimumCoreVersion = new(4, 0, 100, 6);

        /// <summary>The AWS SDK for .NET assemblies the module calls, which must be of its major version (4).</summary>
        public static readonly string[] SdkAssemblies = { CoreName, "AWSSDK.S3", "AWSSDK.SecurityToken" };

        /// <summary>
        /// The build version of <paramref name="assembly"/>: its file version, else its informational
        /// version (without a pre-release or build suffix), else its assembly version.
        /// </summary>
        public static Version BuildVersion(Assembly assembly)
        {
            if (assembly is null)
            {
                throw new ArgumentNullException(nameof(assembly));
            }

            return ParseBuildVersion(
                assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version,
                assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion)
                ?? assembly.GetName().Version
                ?? new Version(0, 0);
        }

        /// <summary>The first of the two version texts that parses (see <see cref="BuildVersion"/>); null when neither does.</summary>
        public static Version? ParseBuildVersion(string? fileVersion, string? informationalVersion)
        {
            foreach (var text in new[] { fileVersion, informationalVersion })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                var end = text!.IndexOfAny(new[] { '-', '+', ' ' });
                var core = end < 0 ? text : text.Substring(0, end);
                if (Version.TryParse(core, out var version))
                {
                    return version;
                }
            }

            return null;
        }

        /// <summary>
        /// Why the module cannot use <paramref name="name"/> in the given build, or null when it can.
        /// The message names the build, where it was loaded from, and what to do.
        /// </summary>
        public static string? Problem(string name, Version assemblyVersion, Version buildVersion, string? location)
        {
            if (!SdkAssemblies.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return null;
            }

            var from = string.IsNullOrEmpty(location) ? string.Empty : string.Format(CultureInfo.InvariantCulture, " from '{0}'", location);
            if (assemblyVersion.Major != 4)
            {
                return string.Format(
                    CultureInfo.InvariantCulture,
                    "S3Batch needs version 4 of the AWS SDK for .NET, but {0} {1}{2} is already loaded in this session (AWSPowerShell and AWS.Tools 4.x load version 3). " +
                    "Only one {0} can be loaded in a process: start a new PowerShell session and import S3Batch with AWS.Tools 5 or later, or on its own.",
                    name, buildVersion, from);
            }

            if (string.Equals(name, CoreName, StringComparison.OrdinalIgnoreCase) && buildVersion < MinimumCoreVersion)
            {
                return string.Format(
                    CultureInfo.InvariantCulture,
                    "S3Batch needs AWSSDK.Core {0} or later, but AWSSDK.Core {1}{2} is already loaded in this session, and only one AWSSDK.Core 4.x can be loaded in a process. " +
                    "Update the module that loaded it (for AWS.Tools: Update-AWSToolsModule, or install a newer AWS.Tools.Common), or use S3Batch in a PowerShell session without that module.",
                    MinimumCoreVersion, buildVersion, from);
            }

            return null;
        }

        /// <summary>Why the module cannot use <paramref name="assembly"/>, or null when it can (or when it is not an SDK assembly the module calls).</summary>
        public static string? Problem(Assembly assembly)
        {
            if (assembly is null)
            {
                throw new ArgumentNullException(nameof(assembly));
            }

            var name = assembly.GetName();
            if (name.Name is null || !SdkAssemblies.Contains(name.Name, StringComparer.OrdinalIgnoreCase))
            {
                return null;
            }

            string? location;
            try
            {
                location = assembly.IsDynamic ? null : assembly.Location;
            }
            catch (NotSupportedException)
            {
                location = null;
            }

            return Problem(name.Name, name.Version ?? new Version(0, 0), BuildVersion(assembly), location);
        }

        private static volatile bool _coreChecked;

        /// <summary>
        /// Before the first AWS call: loads (or finds) the AWSSDK.Core the module binds to and throws
        /// <see cref="UnsupportedAwsSdkException"/> when it, or another SDK assembly loaded since the
        /// import, cannot be used. Once AWSSDK.Core has passed, later calls cost nothing.
        /// </summary>
        public static void EnsureUsable()
        {
            if (_coreChecked)
            {
                return;
            }

            var problem = Problem(typeof(Amazon.Runtime.AWSCredentials).Assembly) ?? ProblemWithLoaded();
            if (problem is not null)
            {
                throw new UnsupportedAwsSdkException(problem);
            }

            _coreChecked = true;
        }

        /// <summary>
        /// The first problem among the SDK assemblies already loaded where the module's own references
        /// bind (on PowerShell 7, the module's load context; copies that another module isolated in a
        /// context of its own do not count), or null.
        /// </summary>
        public static string? ProblemWithLoaded()
        {
            var self = typeof(AwsSdkCompatibility).Assembly;
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                var name = assembly.GetName().Name;
                if (name is null || !SdkAssemblies.Contains(name, StringComparer.OrdinalIgnoreCase) || !LoadContexts.SameContext(assembly, self))
                {
                    continue;
                }

                var problem = Problem(assembly);
                if (problem is not null)
                {
                    return problem;
                }
            }

            return null;
        }
    }
}
