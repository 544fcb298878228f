/**
 * Manager sign-in: a Cognito user pool for invited staff, its groups, the hosted sign-in domain
 * and the app client the HTTP app uses.
 *
 * Contract:
 * - Nobody signs up: administrators create users (email is the user name) and put them in
 *   `managers` or `heads-of-delivery`; the group arrives in the tokens' `cognito:groups` claim.
 * - The app client is public (no secret), uses the authorization-code flow of the hosted UI
 *   (or USER_SRP), and returns to `<baseUrl>${SIGN_IN_CALLBACK_PATH}`. Its only sign-out URL is
 *   `<baseUrl>${SIGNED_OUT_PATH}`, where the app's sign-out sends the hosted UI's /logout back to
 *   (functions/http/sign-in-routes.tsx, whose SIGNED_OUT_PATH is the same path).
 * - `issuer`, `jwksUrl` and `audience` are what a verifier of the pool's ID tokens needs
 *   (ID tokens carry the client id in `aud`); `oauthUrl` is the hosted UI's base URL, under
 *   which the app finds `/oauth2/authorize` and `/oauth2/token` (code flow with PKCE).
 */
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

const MANAGER_GROUPS = ['managers', 'heads-of-delivery'] as const;
const SIGN_IN_CALLBACK_PATH = '/auth/callback';
/** Cognito's /logout redirects only to a sign-out URL the app client lists. */
const SIGNED_OUT_PATH = '/manager';

export interface ManagerAuthProps {
  /** Where the HTTP app is served, without a trailing slash. */
  readonly baseUrl: string;
}

export class ManagerAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
  readonly oauthUrl: string;

  constructor(scope: Construct, id: string, props: ManagerAuthProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is optional by product decision; every manager can enrol TOTP, and only invited staff have accounts (self sign-up is off).',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'Threat protection needs the Plus plan, billed per active user; a few invited managers with strong passwords and optional TOTP do not justify it yet.',
    });

    for (const groupName of MANAGER_GROUPS) {
      this.userPool.addGroup(groupName, { groupName });
    }

    this.domain = this.userPool.addDomain('HostedUi', {
      // Cognito prefixes are global per region; the account id keeps this one unique.
      cognitoDomain: { domainPrefix: `${Stack.of(this).stackName.toLowerCase()}-${Aws.ACCOUNT_ID}` },
    });

    const callbackUrl = `${props.baseUrl}${SIGN_IN_CALLBACK_PATH}`;
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      // A one-hour session, renewed from an HttpOnly refresh token for 30 days; signing out revokes it.
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [callbackUrl],
        logoutUrls: [`${props.baseUrl}${SIGNED_OUT_PATH}`],
      },
    });

    this.issuer = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    this.audience = this.client.userPoolClientId;
    this.oauthUrl = this.domain.baseUrl();
  }
}
