using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Util;

namespace S3Batch.Aws
{
    /// <summary>
    /// Resolves credentials, region, endpoints and FIPS/dual-stack settings in the order AWS Tools
    /// for PowerShell uses (docs: interface.md, "AWS parameters").
    /// </summary>
    /// <remarks>
    /// <para>Credentials: literal keys; -ProfileName/-ProfileLocation; -Credential;
    /// $StoredAWSCredentials; then the default chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
    /// [/AWS_SESSION_TOKEN], web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN),
    /// the AWS_PROFILE or <c>default</c> profile (keys, credential_process, assume role, SSO, ...:
    /// AWSSDK.Core builds them), container credentials, instance credentials.</para>
    /// <para>Region: -Region; $StoredAWSRegion; the region of the profile in use; AWS_REGION;
    /// AWS_DEFAULT_REGION; when no profile is in use, the AWS_PROFILE or <c>default</c> profile's
    /// region (as the SDK's own fallback does); instance metadata (not with
    /// AWS_EC2_METADATA_DISABLED=true).</para>
    /// <para>The decisions read the environment through the delegate passed in. AWSSDK.Core still
    /// reads the process environment in a few places: where the shared config file is
    /// (AWS_CONFIG_FILE, read once per process by <c>SharedCredentialsFile</c>, or <c>config</c>
    /// beside the credentials file), the container credential URIs, and IMDS settings.</para>
    /// </remarks>
    internal static class AwsContextResolver
    {
        private const string DefaultProfileName = "default";

        private static volatile InstanceProfileAWSCredentials? _instanceCredentials;

        // Region names are lowercase letters, digits and hyphens (us-east-1, us-gov-west-1, eu-isoe-west-1).
        private static readonly Regex RegionPattern = new("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant);
        private static readonly Regex AccountIdPattern = new("^[0-9]{12}$", RegexOptions.CultureInvariant);

        /// <summary>Resolves against the process environment.</summary>
        public static ResolvedCaller Resolve(AwsCallerOptions options) => Resolve(options, AwsEnvironment.Process);

        /// <summary>Resolves against the given environment.</summary>
        /// <exception cref="S3BatchConfigurationException">Nothing usable was found, or a given value is invalid.</exception>
        public static ResolvedCaller Resolve(AwsCallerOptions options, Func<string, string?> env)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (env is null)
            {
                throw new ArgumentNullException(nameof(env));
            }

            var found = ResolveCredentials(options, env);

            // The profile whose settings apply: the one in use, else (for region and endpoint
            // settings only, as the SDK does) the AWS_PROFILE or default profile, if it exists.
            var settingsProfile = new Lazy<CredentialProfile?>(
                () => found.Profile ?? TryGetProfileQuietly(DefaultProfileNameFrom(env), options.ProfileLocation ?? SharedCredentialsPathFrom(env)));

            var (region, regionSource) = ResolveRegion(options, env, found, settingsProfile);

            var useFips = ReadFlag(env, AwsEnvironment.UseFipsEndpoint) ?? settingsProfile.Value?.UseFIPSEndpoint ?? false;
            var useDualStack = ReadFlag(env, AwsEnvironment.UseDualStackEndpoint) ?? settingsProfile.Value?.UseDualstackEndpoint ?? false;

            // retry_mode and max_attempts, as the SDKs read them: the environment variables come first (RetryPolicy).
            var profileRetryMode = settingsProfile.Value?.RetryMode?.ToString().ToLowerInvariant();
            var profileMaxAttempts = settingsProfile.Value?.MaxAttempts;

            var s3Control = PickEndpoint(
                "S3 Control",
                (Blank(options.EndpointUrl), "-EndpointUrl"),
                (AwsEnvironment.Trimmed(env, AwsEnvironment.EndpointUrlS3Control), AwsEnvironment.EndpointUrlS3Control),
                (AwsEnvironment.Trimmed(env, AwsEnvironment.EndpointUrl), AwsEnvironment.EndpointUrl));
            var s3 = PickEndpoint(
                "S3",
                (Blank(options.S3EndpointUrl), "-S3EndpointUrl"),
                (AwsEnvironment.Trimmed(env, AwsEnvironment.EndpointUrlS3), AwsEnvironment.EndpointUrlS3),
                (AwsEnvironment.Trimmed(env, AwsEnvironment.EndpointUrl), AwsEnvironment.EndpointUrl));
            var sts = PickEndpoint(
                "STS",
                (AwsEnvironment.Trimmed(env, AwsEnvironment.EndpointUrlSts), AwsEnvironment.EndpointUrlSts),
                (AwsEnvironment.Trimmed(env, AwsEnvironment.EndpointUrl), AwsEnvironment.EndpointUrl));

            var accountId = Blank(options.AccountId);
            if (accountId is not null && !AccountIdPattern.IsMatch(accountId))
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.InvalidAccountId,
                    $"-AccountId '{accountId}' is not an AWS account id. Pass the 12 digits of the account, or leave -AccountId out to use the caller's own account.",
                    null);
            }

            return new ResolvedCaller(
                found.Credentials,
                found.Source,
                found.ProfileName,
                found.ProfileName is null ? null : found.ProfileLocation,
                region,
                regionSource,
                useFips,
                useDualStack,
                s3Control,
                s3,
                sts,
                accountId,
                profileRetryMode,
                profileMaxAttempts);
        }

        private sealed class FoundCredentials
        {
            public FoundCredentials(AWSCredentials credentials, string source, CredentialProfile? profile = null, string? profileName = null, string? profileLocation = null)
            {
                Credentials = credentials;
                Source = source;
                Profile = profile;
                ProfileName = profileName;
                ProfileLocation = profileLocation;
            }

            public AWSCredentials Credentials { get; }
            public string Source { get; }
            public CredentialProfile? Profile { get; }
            public string? ProfileName { get; }
            public string? ProfileLocation { get; }
        }

        private static FoundCredentials ResolveCredentials(AwsCallerOptions options, Func<string, string?> env)
        {
            // 1. Literal keys.
            var accessKey = Empty(options.AccessKey);
            var secretKey = Empty(options.SecretKey);
            var sessionToken = Empty(options.SessionToken);
            if (accessKey is not null && secretKey is null)
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.AccessKeyWithoutSecretKey,
                    "-AccessKey was given without -SecretKey. Pass both (and -SessionToken for temporary keys), or neither to use a profile or the default credentials.",
                    null);
            }

            if (secretKey is not null && accessKey is null)
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.SecretKeyWithoutAccessKey,
                    "-SecretKey was given without -AccessKey. Pass both, or neither to use a profile or the default credentials.",
                    null);
            }

            if (sessionToken is not null && accessKey is null)
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.SessionTokenWithoutKeys,
                    "-SessionToken was given without -AccessKey and -SecretKey. Pass all three for temporary keys.",
                    null);
            }

            if (accessKey is not null && secretKey is not null)
            {
                return sessionToken is null
                    ? new FoundCredentials(new BasicAWSCredentials(accessKey, secretKey), "parameters -AccessKey/-SecretKey")
                    : new FoundCredentials(new SessionAWSCredentials(accessKey, secretKey, sessionToken), "parameters -AccessKey/-SecretKey/-SessionToken");
            }

            // 2. -ProfileName / -ProfileLocation.
            var profileName = Blank(options.ProfileName);
            var profileLocation = Blank(options.ProfileLocation);
            if (profileName is not null || profileLocation is not null)
            {
                if (profileLocation is not null && !File.Exists(profileLocation))
                {
                    throw new S3BatchConfigurationException(
                        AwsErrorIds.ProfileLocationNotFound,
                        $"The credentials file '{profileLocation}' given with -ProfileLocation does not exist. Pass the path of an existing shared credentials file.",
                        null);
                }

                var name = profileName ?? DefaultProfileNameFrom(env);
                var chain = new CredentialProfileStoreChain(profileLocation);
                if (!chain.TryGetProfile(name, out var profile))
                {
                    throw new S3BatchConfigurationException(
                        AwsErrorIds.ProfileNotFound,
                        $"The profile '{name}' was not found in {DescribeProfileFiles(profileLocation)}. Check the name (Get-AWSCredential -ListProfileDetail lists them), or pass -ProfileLocation.",
                        null);
                }

                var source = $"profile '{name}' in {DescribeStore(profile, profileLocation)}";
                return new FoundCredentials(CredentialsFromProfile(profile, chain, name), source, profile, name, profileLocation);
            }

            // 3. -Credential.
            if (options.Credential is not null)
            {
                var credentials = CredentialObjectReader.ReadCredentials(options.Credential)
                    ?? throw new S3BatchConfigurationException(
                        AwsErrorIds.InvalidCredentialObject,
                        $"-Credential holds a {options.Credential.GetType().FullName}, not AWS credentials. Pass an Amazon.Runtime.AWSCredentials object (for example from Get-AWSCredential), or use -ProfileName.",
                        null);
                return new FoundCredentials(credentials, "-Credential");
            }

            // 4. $StoredAWSCredentials.
            if (options.StoredCredentials is not null)
            {
                var credentials = CredentialObjectReader.ReadCredentials(options.StoredCredentials)
                    ?? throw new S3BatchConfigurationException(
                        AwsErrorIds.InvalidCredentialObject,
                        $"$StoredAWSCredentials holds a {options.StoredCredentials.GetType().FullName}, not AWS credentials. Run Set-AWSCredential again, or Clear-AWSCredential.",
                        null);
                return new FoundCredentials(credentials, "$StoredAWSCredentials");
            }

            // 5. The default chain.
            return ResolveDefaultChain(env);
        }

        private static FoundCredentials ResolveDefaultChain(Func<string, string?> env)
        {
            // Environment keys: both or nothing, as the SDK reads them.
            var envAccessKey = AwsEnvironment.Raw(env, AwsEnvironment.AccessKeyId);
            var envSecretKey = AwsEnvironment.Raw(env, AwsEnvironment.SecretAccessKey) ?? AwsEnvironment.Raw(env, AwsEnvironment.LegacySecretKey);
            if (envAccessKey is not null && envSecretKey is not null)
            {
                var envToken = AwsEnvironment.Raw(env, AwsEnvironment.SessionToken);
                return envToken is null
                    ? new FoundCredentials(new BasicAWSCredentials(envAccessKey, envSecretKey), "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
                    : new FoundCredentials(new SessionAWSCredentials(envAccessKey, envSecretKey, envToken), "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN");
            }

            // Web identity.
            var tokenFile = AwsEnvironment.Trimmed(env, AwsEnvironment.WebIdentityTokenFile);
            var roleArn = AwsEnvironment.Trimmed(env, AwsEnvironment.RoleArn);
            if (tokenFile is not null && roleArn is not null)
            {
                try
                {
                    var credentials = new AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, AwsEnvironment.Trimmed(env, AwsEnvironment.RoleSessionName));
                    return new FoundCredentials(credentials, $"web identity (AWS_WEB_IDENTITY_TOKEN_FILE, role {roleArn})");
                }
                catch (ArgumentException e)
                {
                    throw new S3BatchConfigurationException(
                        AwsErrorIds.InvalidWebIdentityConfiguration,
                        $"The web identity settings are not usable: {e.Message} Check AWS_WEB_IDENTITY_TOKEN_FILE (an absolute path), AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME.",
                        e);
                }
            }

            // AWS_PROFILE or the default profile.
            var awsProfile = AwsEnvironment.Trimmed(env, AwsEnvironment.Profile);
            var name = awsProfile ?? DefaultProfileName;
            var credentialsPath = SharedCredentialsPathFrom(env);
            var chain = new CredentialProfileStoreChain(credentialsPath);
            if (chain.TryGetProfile(name, out var profile))
            {
                if (profile.CanCreateAWSCredentials || awsProfile is not null)
                {
                    var source = awsProfile is null
                        ? $"default profile in {DescribeStore(profile, credentialsPath)}"
                        : $"profile '{name}' (AWS_PROFILE) in {DescribeStore(profile, credentialsPath)}";
                    return new FoundCredentials(CredentialsFromProfile(profile, chain, name), source, profile, name, credentialsPath);
                }
            }
            else if (awsProfile is not null)
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.ProfileNotFound,
                    $"The profile '{name}' named by AWS_PROFILE was not found in {DescribeProfileFiles(credentialsPath)}. Correct AWS_PROFILE, or remove it to use the default profile.",
                    null);
            }

            // Container credentials (ECS, EKS Pod Identity).
            if (AwsEnvironment.Trimmed(env, AwsEnvironment.ContainerCredentialsRelativeUri) is not null
                || AwsEnvironment.Trimmed(env, AwsEnvironment.ContainerCredentialsFullUri) is not null)
            {
                try
                {
                    return new FoundCredentials(new GenericContainerCredentials(), "container credentials");
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or AmazonClientException or UriFormatException)
                {
                    throw new S3BatchConfigurationException(
                        AwsErrorIds.InvalidContainerCredentials,
                        $"The container credential settings are not usable: {e.Message} Check AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / AWS_CONTAINER_CREDENTIALS_FULL_URI.",
                        e);
                }
            }

            // Instance credentials (IMDS), unless disabled.
            if (!AwsEnvironment.IsImdsDisabled(env))
            {
                var instance = TryInstanceCredentials();
                if (instance is not null)
                {
                    return new FoundCredentials(instance, "EC2 instance profile");
                }
            }

            throw new S3BatchConfigurationException(
                AwsErrorIds.CredentialsNotFound,
                "No AWS credentials were found. Pass -ProfileName or -AccessKey/-SecretKey, run Set-AWSCredential, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a default profile to "
                + DescribeProfileFiles(credentialsPath) + ".",
                null);
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any failure to reach IMDS means: no instance credentials.")]
        private static InstanceProfileAWSCredentials? TryInstanceCredentials()
        {
            try
            {
                // One object for the process once it works: it refreshes itself from IMDS.
                var credentials = _instanceCredentials ?? new InstanceProfileAWSCredentials();
                credentials.GetCredentials();
                _instanceCredentials = credentials;
                return credentials;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static AWSCredentials CredentialsFromProfile(CredentialProfile profile, ICredentialProfileSource source, string name)
        {
            if (!profile.CanCreateAWSCredentials)
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.InvalidProfile,
                    $"The profile '{name}' holds no usable credentials (keys, role_arn, credential_process, web identity or SSO settings). Add them to the profile, or choose another profile.",
                    null);
            }

            try
            {
                return AWSCredentialsFactory.GetAWSCredentials(profile, source, true);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException or AmazonClientException)
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.InvalidProfile,
                    $"The profile '{name}' cannot give credentials: {e.Message} Correct the profile, or choose another profile.",
                    e);
            }
        }

        private static CredentialProfile? TryGetProfileQuietly(string name, string? location)
        {
            // Read for region and endpoint settings on every call that has no profile of its own: the
            // answer is kept until the files change (their size or time of writing), not parsed each time.
            var key = string.Join("|", name, location, FileStamp(location), FileStamp(Environment.GetEnvironmentVariable(AwsEnvironment.ConfigFile)));
            return SettingsProfiles.GetOrAdd(key, _ => ReadProfileQuietly(name, location));
        }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CredentialProfile?> SettingsProfiles = new(StringComparer.Ordinal);

        internal static string FileStamp(string? path)
        {
            var file = path is null ? null : new FileInfo(path);
            return file is { Exists: true } ? $"{file.LastWriteTimeUtc.Ticks}:{file.Length}" : "-";
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A profile read only for its settings: an unreadable one is skipped.")]
        private static CredentialProfile? ReadProfileQuietly(string name, string? location)
        {
            try
            {
                if (location is not null && !File.Exists(location))
                {
                    return null;
                }

                return new CredentialProfileStoreChain(location).TryGetProfile(name, out var profile) ? profile : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static (string Region, string Source) ResolveRegion(
            AwsCallerOptions options,
            Func<string, string?> env,
            FoundCredentials found,
            Lazy<CredentialProfile?> settingsProfile)
        {
            var region = Blank(options.Region);
            if (region is not null)
            {
                return (CheckRegion(region, "-Region"), "-Region");
            }

            if (options.StoredRegion is not null)
            {
                var stored = CredentialObjectReader.ReadRegion(options.StoredRegion);
                if (stored is null)
                {
                    throw new S3BatchConfigurationException(
                        AwsErrorIds.InvalidRegionObject,
                        $"$StoredAWSRegion holds a {options.StoredRegion.GetType().FullName}, not a region. Run Set-DefaultAWSRegion again, or Clear-DefaultAWSRegion.",
                        null);
                }

                if (!string.IsNullOrWhiteSpace(stored))
                {
                    return (CheckRegion(stored.Trim(), "$StoredAWSRegion"), "$StoredAWSRegion");
                }
            }

            if (found.Profile?.Region is { } profileRegion)
            {
                return (CheckRegion(profileRegion.SystemName, $"profile '{found.ProfileName}'"), $"profile '{found.ProfileName}'");
            }

            foreach (var variable in new[] { AwsEnvironment.Region, AwsEnvironment.DefaultRegion })
            {
                var value = AwsEnvironment.Trimmed(env, variable);
                if (value is not null)
                {
                    return (CheckRegion(value, variable), variable);
                }
            }

            if (found.Profile is null && settingsProfile.Value?.Region is { } fallbackRegion)
            {
                var source = $"profile '{settingsProfile.Value.Name}'";
                return (CheckRegion(fallbackRegion.SystemName, source), source);
            }

            if (!AwsEnvironment.IsImdsDisabled(env))
            {
                var imds = TryInstanceRegion();
                if (imds is not null)
                {
                    return (CheckRegion(imds, "instance metadata"), "instance metadata");
                }
            }

            throw new S3BatchConfigurationException(
                AwsErrorIds.RegionNotFound,
                "No AWS region was found. Pass -Region, run Set-DefaultAWSRegion, or set AWS_REGION.",
                null);
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any failure to reach IMDS means: no instance region.")]
        private static string? TryInstanceRegion()
        {
            try
            {
                return EC2InstanceMetadata.Region?.SystemName;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static string CheckRegion(string region, string source)
        {
            var normalized = region.Trim().ToLowerInvariant();
            if (!RegionPattern.IsMatch(normalized))
            {
                throw new S3BatchConfigurationException(
                    AwsErrorIds.InvalidRegion,
                    $"'{region}' from {source} is not an AWS region name. Use a name such as us-east-1 (Get-AWSRegion lists them).",
                    null);
            }

            return normalized;
        }

        private static bool? ReadFlag(Func<string, string?> env, string variable)
        {
            var value = AwsEnvironment.Trimmed(env, variable);
            if (value is null)
            {
                return null;
            }

            if (bool.TryParse(value, out var flag))
            {
                return flag;
            }

            throw new S3BatchConfigurationException(
                AwsErrorIds.InvalidEndpointSetting,
                $"{variable} is '{value}', which is neither true nor false. Set it to true or false, or remove it.",
                null);
        }

        private static string? PickEndpoint(string service, params (string? Value, string Source)[] candidates)
        {
            foreach (var (value, source) in candidates)
            {
                if (value is null)
                {
                    continue;
                }

                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
                    || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                    || string.IsNullOrEmpty(uri.Host))
                {
                    throw new S3BatchConfigurationException(
                        AwsErrorIds.InvalidEndpointUrl,
                        string.Format(
                            CultureInfo.InvariantCulture,
                            "The {0} endpoint '{1}' from {2} is not an absolute http or https URL. Give one such as https://host:port, or remove it to use AWS's endpoint.",
                            service,
                            value,
                            source),
                        null);
                }

                return value;
            }

            return null;
        }

        private static string DefaultProfileNameFrom(Func<string, string?> env)
            => AwsEnvironment.Trimmed(env, AwsEnvironment.Profile) ?? DefaultProfileName;

        // AWS_SHARED_CREDENTIALS_FILE as the environment says now; null lets AWSSDK.Core use its default
        // (the .NET SDK store where it exists, then ~/.aws/credentials).
        private static string? SharedCredentialsPathFrom(Func<string, string?> env)
            => AwsEnvironment.Trimmed(env, AwsEnvironment.SharedCredentialsFile);

        private static string DescribeProfileFiles(string? credentialsPath)
        {
            if (credentialsPath is not null)
            {
                return credentialsPath;
            }

            return SharedCredentialsFile.DefaultFilePath + " or " + SharedCredentialsFile.DefaultConfigFilePath;
        }

        private static string DescribeStore(CredentialProfile profile, string? credentialsPath)
        {
            switch (profile.CredentialProfileStore)
            {
                case SharedCredentialsFile file:
                    return file.FilePath;
                case NetSDKCredentialsFile:
                    return "the AWS .NET SDK credential store";
                default:
                    return credentialsPath ?? "the shared credentials files";
            }
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
