using System.Management.Automation;

namespace S3Batch.Loading
{
    /// <summary>
    /// Runs when the module is imported and removed: registers the dependency resolver and refuses
    /// to import when an AWS SDK build the module cannot use is already loaded. It loads no AWSSDK
    /// assembly itself (they load on the first AWS call), so that importing S3Batch costs little
    /// and leaves AWS.Tools free to load its own AWSSDK.Core after it.
    /// </summary>
    public sealed class ModuleInitAndCleanup : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>The error id of a refused import.</summary>
        public const string UnsupportedAwsSdkErrorId = "S3BatchUnsupportedAwsSdk";

        /// <summary>Called by Import-Module.</summary>
        public void OnImport()
        {
            var problem = AwsSdkCompatibility.ProblemWithLoaded();
            if (problem is not null)
            {
                throw new UnsupportedAwsSdkException(problem);
            }

            ModuleDependencyResolver.Register();
        }

        /// <summary>Called by Remove-Module.</summary>
        /// <param name="psModuleInfo">The module being removed.</param>
        public void OnRemove(PSModuleInfo psModuleInfo) => ModuleDependencyResolver.Unregister();
    }
}
