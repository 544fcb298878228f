/**
 * Outgoing email through SESv2: the configuration set every message is sent with, its event
 * destination, and the sender identity.
 *
 * Contract:
 * - Handlers send with `ConfigurationSetName` = `configurationSet.configurationSetName` and
 *   `FromEmailAddress` = `senderEmail`.
 * - SEND, DELIVERY, BOUNCE, COMPLAINT, REJECT and OPEN events go to the account's default
 *   EventBridge bus (source `aws.ses`). CLICK is left out on purpose: messages carry signed
 *   links, and click tracking would rewrite them.
 * - With `senderDomain`, the stack creates the domain identity (Easy DKIM; publish the three
 *   CNAME records SES shows). Without it, `senderEmail` must be verified in SES by hand.
 * - `grantSend` allows `ses:SendEmail` (what SESv2 SendEmail authorises) on the sender
 *   identities and this configuration set only.
 */
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailSendingProps {
  /** The From address. */
  readonly senderEmail: string;
  /** The domain to verify as an identity (usually the domain of `senderEmail`). */
  readonly senderDomain?: string;
}

export class EmailSending extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly senderEmail: string;
  private readonly identityNames: string[];

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });

    // Events land on the default bus (source "aws.ses", this set's name in
    // detail.mail.tags."ses:configuration-set"); the stack's rule sends them to the recorder.
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.OPEN,
      ],
    });

    this.identityNames = [props.senderEmail];
    if (props.senderDomain) {
      new ses.EmailIdentity(this, 'DomainIdentity', {
        identity: ses.Identity.domain(props.senderDomain),
        configurationSet: this.configurationSet,
      });
      // SES authorises a send against the identity that verifies the address: the domain's.
      this.identityNames.push(props.senderDomain);
    }
  }

  grantSend(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [
        ...this.identityNames.map((name) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name })),
        stack.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: this.configurationSet.configurationSetName,
        }),
      ],
    });
  }
}
